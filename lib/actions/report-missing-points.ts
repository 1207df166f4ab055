"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "../db";
import { submitClaim } from "../server/conversations";
import { claimSchema } from "../validations/conversations";
import { authedAction } from "./authed";

export type MissingPointsState = { status: "idle" | "sent" | "duplicate" | "invalid"; field?: "orderNumber" | "orderDate" | "message"; conversationId?: string };

/** "Punkte fehlen?": the shopper names an order; it becomes a conversation in staff's inbox (Console → Gespräche). */
export const reportMissingPoints = authedAction(async (member, _previous: MissingPointsState, formData: FormData): Promise<MissingPointsState> => {
  const parsed = claimSchema.safeParse({
    orderNumber: formData.get("orderNumber") ?? "",
    orderDate: formData.get("orderDate") ?? "",
    message: formData.get("message") || undefined,
  });
  if (!parsed.success) return { status: "invalid", field: parsed.error.issues[0]?.path[0] as MissingPointsState["field"] };
  const outcome = await submitClaim(await getDb(), member.id, parsed.data);
  revalidatePath("/history");
  revalidatePath("/help");
  return { status: outcome.duplicate ? "duplicate" : "sent", conversationId: outcome.conversationId };
});
