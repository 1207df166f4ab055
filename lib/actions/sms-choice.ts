"use server";

import { getDb } from "../db";
import { setSmsChoice } from "../db/queries/mail-preferences";
import { env } from "../env";
import { normalisePhone } from "../sms/provider";
import { authedAction } from "./authed";

export type SmsChoiceState = { status: "idle" | "on" | "off" | "invalid" | "unavailable"; phone?: string };

/** "Texts instead of e-mail to this number" (checked) or no texts; the number is checked and stored as +49…. */
export const saveSmsChoice = authedAction(async (member, _previous: SmsChoiceState, formData: FormData): Promise<SmsChoiceState> => {
  if (!env().sms) return { status: "unavailable" };
  if (formData.get("consent") !== "on") {
    await setSmsChoice(await getDb(), member.id, null, new Date());
    return { status: "off" };
  }
  const phone = normalisePhone(String(formData.get("phone") ?? ""));
  if (!phone) return { status: "invalid" };
  await setSmsChoice(await getDb(), member.id, phone, new Date());
  return { status: "on", phone };
});
