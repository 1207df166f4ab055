// Where a coupon is and whether it was used: each told in the state the wallet shows (walletState).
import { normaliseCouponCode } from "../coupon-code";
import { walletState } from "../rewards";
import type { CouponFact, ShopperFacts } from "./facts";
import type { Formatter } from "./format";
import { LIST_AT_MOST } from "./answer-points";
import { link, say, type AssistantLine, type Reply } from "./reply";

function couponLine(coupon: CouponFact, now: Date, f: Formatter): AssistantLine {
  const values = { name: f.name(coupon.name), code: coupon.code };
  switch (walletState(coupon, now)) {
    case "active":
      return say("coupon.active", { ...values, date: f.date(coupon.expiresAt) });
    case "used":
      return say("coupon.used", { ...values, date: f.date(coupon.usedAt!) });
    case "expired":
      return say("coupon.expired", { ...values, date: f.date(coupon.expiresAt) });
    case "pending":
      return say("coupon.pending", values);
    case "failed":
      return say("coupon.failed", values);
  }
}

export function couponReply(facts: ShopperFacts, f: Formatter, code: string | null): Reply {
  const actions = [link("/wallet")];
  if (code !== null) {
    const coupon = facts.coupons.find((c) => normaliseCouponCode(c.code).replace(/[\s-]/g, "") === normaliseCouponCode(code).replace(/[\s-]/g, ""));
    return coupon ? { lines: [couponLine(coupon, facts.now, f)], actions } : { lines: [say("coupon.notFound", { code })], actions };
  }
  if (facts.coupons.length === 0) return { lines: [say("coupon.none")], actions: [link("/rewards")] };
  const usable = facts.coupons
    .filter((c) => ["active", "pending"].includes(walletState(c, facts.now)))
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  const lines = [say("coupon.count", { count: usable.filter((c) => walletState(c, facts.now) === "active").length })];
  if (usable.length > 0) lines.push(...usable.slice(0, LIST_AT_MOST).map((c) => couponLine(c, facts.now, f)));
  else {
    // Nothing to use: the latest one tells where the points went (used, expired or given back).
    const latest = [...facts.coupons].sort((a, b) => (b.usedAt ?? b.expiresAt).getTime() - (a.usedAt ?? a.expiresAt).getTime())[0]!;
    lines.push(couponLine(latest, facts.now, f));
  }
  return { lines, actions };
}
