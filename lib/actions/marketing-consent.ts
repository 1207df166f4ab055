"use server";

import { getDb } from "../db";
import { withdrawMarketingConsent } from "../db/queries/mail-preferences";
import { requestMarketingConsent } from "../server/mail-preferences";
import { nudgeDelivery } from "../jobs/runner";
import { authedAction } from "./authed";

export type MarketingConsentState = { status: "idle" | "requested" | "already-confirmed" | "withdrawn" };

/** "Send me offers by e-mail": the confirmation mail goes out; offers only once its link is followed. */
export const askForOffersByMail = authedAction(async (member): Promise<MarketingConsentState> => {
  const outcome = await requestMarketingConsent(await getDb(), member.id, new Date());
  if (outcome === "requested") nudgeDelivery();
  return { status: outcome };
});

export const stopOffersByMail = authedAction(async (member): Promise<MarketingConsentState> => {
  await withdrawMarketingConsent(await getDb(), member.id);
  return { status: "withdrawn" };
});
