// What the redeem button sends: which reward, and the id the client made for this attempt.
import { z } from "zod";

export const redeemRequestSchema = z.object({
  rewardId: z.string().min(1).max(64),
  requestId: z.uuid(),
});
