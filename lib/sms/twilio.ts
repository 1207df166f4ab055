// Twilio's Programmable Messaging API, as documented: POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth (Account SID : Auth Token),
// a form-encoded body with To, From (or MessagingServiceSid for an MG… sender) and Body;
// 201 with the message resource (its "sid") on success, a JSON error with a numeric "code" otherwise.
import type { SmsResult, SmsSender } from "./provider";

export type TwilioConfig = { accountSid: string; authToken: string; from: string; apiBase: string };

/** Twilio error codes that mean this number will not take messages (retrying cannot help). */
const PERMANENT = new Set([21211, 21214, 21408, 21610, 21612, 21614]);

/** What Twilio's Messages API answered: sent with its SID, not reachable, or refused with its status and error code. */
export type TwilioAnswer = { sent: string } | { unreachable: string } | { status: number; code: number | undefined; error: string };

/**
 * One POST to the Messages API (the sender, SMS or WhatsApp, fills the form's To and content):
 * From, or MessagingServiceSid for an MG… sender, and the account's Basic auth.
 */
export function twilioMessages(config: TwilioConfig, fetchImpl: typeof fetch = fetch): (form: URLSearchParams) => Promise<TwilioAnswer> {
  const url = `${config.apiBase}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return async (form) => {
    form.set(config.from.startsWith("MG") ? "MessagingServiceSid" : "From", config.from);
    let response: Response;
    try {
      response = await fetchImpl(url, { method: "POST", headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form, signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      return { unreachable: `Twilio not reachable: ${error instanceof Error ? error.message : String(error)}` };
    }
    const json = (await response.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
    if (response.status === 201 && json.sid) return { sent: json.sid };
    return { status: response.status, code: json.code, error: `Twilio ${response.status}${json.code ? ` ${json.code}` : ""}: ${json.message ?? "no details"}` };
  };
}

/** A refusal as an outcome: busy or down → retry; a code in `permanent` → rejected; other 4xx (auth, account) are ours to fix, so retry later. */
export function refusalOutcome(answer: { status: number; code: number | undefined; error: string }, permanent: ReadonlySet<number>): SmsResult {
  const { status, code, error } = answer;
  if (status === 429 || status >= 500) return { outcome: "retry", error };
  return code !== undefined && permanent.has(code) ? { outcome: "rejected", error } : { outcome: "retry", error };
}

export function twilioSender(config: TwilioConfig, fetchImpl: typeof fetch = fetch): SmsSender {
  const send = twilioMessages(config, fetchImpl);
  return async (to, body): Promise<SmsResult> => {
    const answer = await send(new URLSearchParams({ To: to, Body: body }));
    if ("sent" in answer) return { outcome: "sent", providerId: answer.sent };
    if ("unreachable" in answer) return { outcome: "retry", error: answer.unreachable };
    return refusalOutcome(answer, PERMANENT);
  };
}
