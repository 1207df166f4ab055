// WhatsApp through Twilio's Programmable Messaging API, as documented: the same
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json as SMS (lib/sms/twilio.ts), HTTP Basic auth,
// a form body whose To and From carry the "whatsapp:" prefix (From, or MessagingServiceSid for an
// MG… sender). A message the business starts (outside the 24-hour customer service window) must be
// an approved template: ContentSid (HX…) and ContentVariables, a JSON object of the numbered
// variables, and no Body ("Send templates created with the Content Template Builder"; since April
// 2025 a template sent as Body outside the window fails with 63016). Free text (Body) only inside it.
import type { SmsResult } from "../sms/provider";
import { refusalOutcome, twilioMessages } from "../sms/twilio";

export type WhatsappConfig = { accountSid: string; authToken: string; from: string; apiBase: string };

/** Free text (inside the window) or an approved template with its variables. */
export type WhatsappContent = { body: string } | { contentSid: string; variables: Record<string, string> };

/** What a send came to; "window": WhatsApp refused free text because the 24-hour window had closed. */
export type WhatsappResult = SmsResult | { outcome: "window"; error: string };

export type WhatsappSender = (to: string, content: WhatsappContent) => Promise<WhatsappResult>;

/**
 * Twilio error codes after which retrying the same message cannot help: a number that is not
 * valid or not on WhatsApp (21211, 21408, 21612, 21614, 63003, 63024), the recipient opted out at
 * the carrier (21610), a template that is not approved or does not fit (63027, 63028, 21656).
 */
const PERMANENT = new Set([21211, 21408, 21610, 21612, 21614, 21656, 63003, 63024, 63027, 63028]);
/** 63016: free-form message outside the allowed window. */
const OUTSIDE_WINDOW = 63016;

export function twilioWhatsappSender(config: WhatsappConfig, fetchImpl: typeof fetch = fetch): WhatsappSender {
  const send = twilioMessages(config, fetchImpl);
  return async (to, content): Promise<WhatsappResult> => {
    const form = new URLSearchParams({ To: `whatsapp:${to}` });
    if ("body" in content) form.set("Body", content.body);
    else {
      form.set("ContentSid", content.contentSid);
      form.set("ContentVariables", JSON.stringify(content.variables));
    }
    const answer = await send(form);
    if ("sent" in answer) return { outcome: "sent", providerId: answer.sent };
    if ("unreachable" in answer) return { outcome: "retry", error: answer.unreachable };
    if (answer.code === OUTSIDE_WINDOW && !(answer.status === 429 || answer.status >= 500)) return { outcome: "window", error: answer.error };
    return refusalOutcome(answer, PERMANENT);
  };
}
