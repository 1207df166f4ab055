// What the redeem button sends: which reward, and the id the client made for this attempt.
import { z } from "zod";

export const redeemRequestSchema = z.object({
  rewardId: z.string().min(1).max(64),
  requestId: z.uuid(),
  /** A points_off reward: the money off chosen, in minor units. */
  valueCents: z.number().int().min(1).max(100_000_000).optional(),
});
