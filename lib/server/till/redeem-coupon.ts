import "server-only";
// A coupon shown at the till (from the app's wallet or a wallet card) marked used through the one
// coupon-use service the shop's checkout uses (lib/server/rewards/coupon-use.ts): once, only while
// it is good. Used, expired, cancelled or replaced coupons are refused with what became of them.
import { ConsoleError } from "../../errors";
import { storeSlug, tillCouponUseId } from "../../loyalty/till";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { couponCodeParam } from "../../validations/coupons";
import type { TillRedeemInput } from "../../validations/till";
import { markCouponUsed } from "../rewards/coupon-use";

export type TillRedemption = { code: string; name: string; memberId: string; usedAt: string };

export async function redeemCouponAtTill(db: Database, staff: AuditActor, input: TillRedeemInput, now: Date): Promise<TillRedemption> {
  const code = couponCodeParam(input.code);
  if (!code) throw new ConsoleError("not-found", "tillCouponUnknown", { code: input.code.slice(0, 64) }, { pointer: "/code" });
  const useId = tillCouponUseId(storeSlug(input.store), input.requestId);
  const outcome = await markCouponUsed(db, code, useId, now);
  switch (outcome.status) {
    case "unknown":
      throw new ConsoleError("not-found", "tillCouponUnknown", { code }, { pointer: "/code" });
    case "expired":
      throw new ConsoleError("refused", "tillCouponExpired", { code, at: new Date(outcome.coupon.expires_at) });
    case "withdrawn":
      throw new ConsoleError("refused", outcome.reason === "cancelled" ? "tillCouponCancelled" : "tillCouponReplaced", { code });
    case "already-used":
      throw new ConsoleError("conflict", "tillCouponUsed", { code, at: new Date(outcome.coupon.used_at ?? now.toISOString()) });
    case "used":
      break;
  }
  const { coupon } = outcome;
  // The same tap sent again (a retry) is the same use: it is answered alike and logged once.
  if (coupon.used_at === now.toISOString()) {
    await writeAudit(db, staff, "till.coupon", `member:${coupon.member_id}`, null, { coupon: code, name: coupon.name, store: input.store }, now);
  }
  return { code, name: coupon.name, memberId: coupon.member_id, usedAt: coupon.used_at! };
}
