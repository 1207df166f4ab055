import "server-only";
// Who stands at the till: the member a card's number names, or the owner of a coupon code shown
// from the app. A number is checked before anyone is looked up (its check digit catches a typo).
import { ConsoleError } from "../../errors";
import { formatMemberNumber, parseMemberNumber } from "../../loyalty/member-number";
import type { Database } from "../../db/connect";
import { findMemberIdByNumber } from "../../db/queries/member-number";
import { findTillCoupon, getTillMember, type TillMember } from "../../db/queries/till";
import { couponCodeParam } from "../../validations/coupons";

export type TillLookup = { member: TillMember; couponCode: string | null };

/** What the till scanned or typed: a member number, else a coupon code; refused with why nothing was found. */
export async function lookUpAtTill(db: Database, input: string, now: Date): Promise<TillLookup> {
  const parsed = parseMemberNumber(input);
  if (parsed.ok) {
    const id = await findMemberIdByNumber(db, parsed.number);
    const member = id ? await getTillMember(db, id, now) : null;
    if (!member) throw new ConsoleError("not-found", "tillNumberUnknown", { number: formatMemberNumber(parsed.number) });
    return { member, couponCode: null };
  }
  if (parsed.reason === "empty") throw new ConsoleError("invalid-input", "tillLookupEmpty");
  // Not a member number: perhaps a coupon's code (the wallet's QR holds it).
  const code = couponCodeParam(input);
  const coupon = code ? await findTillCoupon(db, code) : null;
  const member = coupon ? await getTillMember(db, coupon.memberId, now) : null;
  if (coupon && member) return { member, couponCode: coupon.code };
  const digits = input.replace(/[\s.\-]/g, "");
  if (parsed.reason === "check") throw new ConsoleError("invalid-input", "tillNumberCheck");
  if (/^[0-9]+$/.test(digits)) throw new ConsoleError("invalid-input", "tillNumberFormat", { digits: digits.length });
  throw new ConsoleError("not-found", "tillNothingFound");
}
