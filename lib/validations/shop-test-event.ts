// The shop API's test event (docs/api.md): a signed delivery that proves URL and secret and
// applies nothing. Its own type, so no order, refund or customer can ever come of it.
import { z } from "zod";

export const TEST_EVENT_TYPE = "test";

export const shopTestEventSchema = z.object({
  id: z.string().trim().min(1, "must not be empty").max(128, "must be at most 128 characters"),
  type: z.literal(TEST_EVENT_TYPE),
  occurred_at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }),
  data: z.record(z.string(), z.unknown()).optional(),
});

export type ShopTestEvent = z.infer<typeof shopTestEventSchema>;
