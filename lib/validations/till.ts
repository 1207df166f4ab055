// What the till (Console → Kasse) sends. The same schemas check the form in the browser and the
// request on the server, so a message shown before sending is the one the server gives.
import { z } from "zod";
import { RECEIPT_MAX, receiptKey, STORE_NAME_MAX, storeSlug } from "../loyalty/till";
import { msg } from "./issue-message";
import { TILL_AMOUNT_CENTS } from "./limits";

/** The store, typed once per device: a name with at least one letter or digit. */
export const tillStore = z.string().trim().min(1).max(STORE_NAME_MAX).refine((name) => storeSlug(name) !== "", msg("till.storeInvalid"));

export const tillBookSchema = z.object({
  memberId: z.uuid(),
  amountCents: z.number().min(TILL_AMOUNT_CENTS.min).max(TILL_AMOUNT_CENTS.max).int(msg("till.amountCentsWhole")),
  receipt: z.string().trim().min(1).max(RECEIPT_MAX).refine((r) => receiptKey(r) !== null, msg("till.receiptInvalid")),
  store: tillStore,
});
export type TillBookInput = z.output<typeof tillBookSchema>;

export const tillRedeemSchema = z.object({
  code: z.string().trim().min(1).max(64),
  store: tillStore,
  /** One per tap: the same request sent again is the same use. */
  requestId: z.uuid(),
});
export type TillRedeemInput = z.output<typeof tillRedeemSchema>;
