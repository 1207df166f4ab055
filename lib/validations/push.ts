import { z } from "zod";

const base64url = (name: string, min: number, max: number) =>
  z
    .string()
    .min(min, `${name} is too short`)
    .max(max, `${name} is too long`)
    .regex(/^[A-Za-z0-9_-]+=*$/, `${name} must be base64url`);

/** What PushSubscription.toJSON() gives: an https endpoint and the two keys of RFC 8291. */
export const pushSubscriptionSchema = z.object({
  // Whether the address may be pushed to (https, a known push service, a public host) is the
  // endpoint policy's to say (lib/push/endpoint-policy.ts), with a reason of its own.
  endpoint: z.string().min(1).max(2000),
  keys: z.object({
    p256dh: base64url("keys.p256dh", 80, 100),
    auth: base64url("keys.auth", 16, 32),
  }),
});

export const pushUnsubscribeSchema = z.object({ endpoint: z.string().max(2000) });

export const notificationOpenSchema = z.object({ id: z.uuid() });
