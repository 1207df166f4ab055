// One interface for text-message providers: the outbox worker speaks to this, an adapter speaks
// the provider's documented HTTP API (lib/sms/twilio.ts).

export type SmsResult =
  | { outcome: "sent"; providerId: string }
  /** Worth trying again later (rate limit, provider down). */
  | { outcome: "retry"; error: string }
  /** Never worth retrying (bad number, number blocked, opted out at the carrier). */
  | { outcome: "rejected"; error: string };

export type SmsSender = (to: string, body: string) => Promise<SmsResult>;

/** A phone number as SMS providers take it: E.164, "+" and 8 to 15 digits. */
export const E164 = /^\+[1-9]\d{7,14}$/;

/** "0151 2345 678", "+49 (151) 234-5678" → "+491512345678" (German numbers without country code are taken as +49). */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s()./-]/g, "");
  const e164 = compact.startsWith("00") ? `+${compact.slice(2)}` : compact.startsWith("0") ? `+49${compact.slice(1)}` : compact;
  return E164.test(e164) ? e164 : null;
}
