"use server";

import { z } from "zod";
import { getDb } from "../db";
import { setTierCelebrated } from "../db/queries/members";
import { authedAction } from "./authed";

/** The shopper closed the tier-up celebration: show it once per tier. */
export const acknowledgeTier = authedAction(async (member, tierId: string) => {
  const parsed = z.string().min(1).max(64).safeParse(tierId);
  if (parsed.success) await setTierCelebrated(await getDb(), member.id, parsed.data);
});
