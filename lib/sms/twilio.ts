// Twilio's Programmable Messaging API, as documented: POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth (Account SID : Auth Token),
// a form-encoded body with To, From (or MessagingServiceSid for an MG… sender) and Body;
// 201 with the message resource (its "sid") on success, a JSON error with a numeric "code" otherwise.
import type { SmsResult, SmsSender } from "./provider";

export type TwilioConfig = { accountSid: string; authToken: string; from: string; apiBase: string };

/** Twilio error codes that mean this number will not take messages (retrying cannot help). */
const PERMANENT = new Set([21211, 21214, 21408, 21610, 21612, 21614]);

export function twilioSender(config: TwilioConfig, fetchImpl: typeof fetch = fetch): SmsSender {
  const url = `${config.apiBase}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return async (to, body): Promise<SmsResult> => {
    const form = new URLSearchParams({ To: to, Body: body });
    form.set(config.from.startsWith("MG") ? "MessagingServiceSid" : "From", config.from);
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
    // 400 with a code about the number: the number is bad; other 4xx (auth, account) are ours to fix, so retry later.
    return json.code !== undefined && PERMANENT.has(json.code) ? { outcome: "rejected", error } : { outcome: "retry", error };
  };
}
