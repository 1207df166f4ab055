"use server";

import { getTranslations } from "next-intl/server";
import { getDb } from "../db";
import { setWhatsappChoice } from "../db/queries/whatsapp";
import { env } from "../env";
import { normalisePhone } from "../sms/provider";
import { authedAction } from "./authed";

export type WhatsappChoiceState = { status: "idle" | "on" | "off" | "invalid" | "unavailable"; phone?: string };

/**
 * "WhatsApp to this number" (checked) or none. The consent is recorded with its time and the exact
 * sentence the member saw next to the box, in the language the page was shown in.
 */
export const saveWhatsappChoice = authedAction(async (member, _previous: WhatsappChoiceState, formData: FormData): Promise<WhatsappChoiceState> => {
  if (!env().whatsapp) return { status: "unavailable" };
  if (formData.get("consent") !== "on") {
    await setWhatsappChoice(await getDb(), member.id, null, new Date());
    return { status: "off" };
  }
  const phone = normalisePhone(String(formData.get("phone") ?? ""));
  if (!phone) return { status: "invalid" };
  const sentence = (await getTranslations("mailPrefs"))("whatsappConsent");
  await setWhatsappChoice(await getDb(), member.id, { phone, text: sentence }, new Date());
  return { status: "on", phone };
});
