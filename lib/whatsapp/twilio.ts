// WhatsApp through Twilio's Programmable Messaging API, as documented: the same
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json as SMS (lib/sms/twilio.ts), HTTP Basic auth,
// a form body whose To and From carry the "whatsapp:" prefix (From, or MessagingServiceSid for an
// MG… sender). A message the business starts (outside the 24-hour customer service window) must be
// an approved template: ContentSid (HX…) and ContentVariables, a JSON object of the numbered
// variables, and no Body ("Send templates created with the Content Template Builder"; since April
// 2025 a template sent as Body outside the window fails with 63016). Free text (Body) only inside it.
import type { SmsResult } from "../sms/provider";

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
  const url = `${config.apiBase}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return async (to, content): Promise<WhatsappResult> => {
    const form = new URLSearchParams({ To: `whatsapp:${to}` });
    if (config.from.startsWith("MG")) form.set("MessagingServiceSid", config.from);
    else form.set("From", config.from);
    if ("body" in content) form.set("Body", content.body);
    else {
      form.set("ContentSid", content.contentSid);
      form.set("ContentVariables", JSON.stringify(content.variables));
    }
    let response: Response;
    try {
      response = await fetchImpl(url, { method: "POST", headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form, signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      return { outcome: "retry", error: `Twilio not reachable: ${error instanceof Error ? error.message : String(error)}` };
    }
    const json = (await response.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
    if (response.status === 201 && json.sid) return { outcome: "sent", providerId: json.sid };
    const error = `Twilio ${response.status}${json.code ? ` ${json.code}` : ""}: ${json.message ?? "no details"}`;
    if (response.status === 429 || response.status >= 500) return { outcome: "retry", error };
    if (json.code === OUTSIDE_WINDOW) return { outcome: "window", error };
    return json.code !== undefined && PERMANENT.has(json.code) ? { outcome: "rejected", error } : { outcome: "retry", error };
  };
}
