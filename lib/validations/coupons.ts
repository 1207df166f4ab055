// The shop's coupon calls (docs/api.md): the code in the path, the order in the body.
import { z } from "zod";
import { normaliseCouponCode } from "../loyalty/coupon-code";

/** A code as it appears in a URL: normalised, or null when it cannot be one we issued or took from a pool. */
export function couponCodeParam(raw: string): string | null {
  const code = normaliseCouponCode(raw);
  return /^[A-Z0-9][A-Z0-9_-]{0,63}$/.test(code) ? code : null;
}

export const markUsedSchema = z.object({
  order_id: z
    .string({ error: "order_id must be the shop's order id as a string" })
    .trim()
    .min(1, "order_id must not be empty")
    .max(128, "order_id must be at most 128 characters")
    .refine((v) => !v.includes("\u0000"), "order_id must not contain NUL characters"),
});
