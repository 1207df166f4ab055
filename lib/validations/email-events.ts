import { z } from "zod";

/** What a mail provider reported about an address, passed on by the shop's backend (or the provider's webhook relay). */
export const emailEventSchema = z.object({
  type: z.enum(["bounce", "complaint"], { error: 'type must be "bounce" (the address does not take mail) or "complaint" (marked as spam)' }),
  email: z.email({ error: "email must be an e-mail address" }).max(320),
  detail: z.string().max(500).optional(),
});

export const emailEventsSchema = z.object({
  events: z.array(emailEventSchema).min(1, "events must hold at least one event").max(1000, "at most 1,000 events per request"),
});
