// Referrals: the program's offer, who may be rewarded, and when. Pure.
import { z } from "zod";
import {
  FRIEND_DISCOUNT_CENTS,
  MIN_ORDER_CENTS,
  REFERRAL_ATTRIBUTION_DAYS,
  REFERRAL_CLAIMS_PER_IP,
  REFERRAL_RETURN_WINDOW_DAYS,
  REFERRALS_PER_MONTH,
  REFERRER_POINTS,
} from "../validations/limits";
import { monthStartIn } from "./calendar";

const DAY_MS = 86_400_000;

export const referralRuleSchema = z.object({
  enabled: z.boolean().default(true),
  /** The friend's welcome coupon: an amount off the first order. */
  friendDiscountCents: z.number().min(FRIEND_DISCOUNT_CENTS.min).max(FRIEND_DISCOUNT_CENTS.max).int().default(1_000),
  friendMinOrderCents: z.number().min(MIN_ORDER_CENTS.min).max(MIN_ORDER_CENTS.max).int().default(5_000),
  friendCouponValidDays: z.number().min(1).max(365).int().default(30),
  /** What the referrer earns once the friend's first order is safe from returns. */
  referrerPoints: z.number().min(REFERRER_POINTS.min).max(REFERRER_POINTS.max).int().default(500),
  /** The friend's first order must reach this subtotal to count. */
  qualifyingOrderCents: z.number().min(MIN_ORDER_CENTS.min).max(MIN_ORDER_CENTS.max).int().default(5_000),
  returnWindowDays: z.number().min(REFERRAL_RETURN_WINDOW_DAYS.min).max(REFERRAL_RETURN_WINDOW_DAYS.max).int().default(14),
  monthlyLimit: z.number().min(REFERRALS_PER_MONTH.min).max(REFERRALS_PER_MONTH.max).int().default(10),
  /** Claims from one IP address within 7 days. */
  ipClaimLimit: z.number().min(REFERRAL_CLAIMS_PER_IP.min).max(REFERRAL_CLAIMS_PER_IP.max).int().default(10),
  attributionDays: z.number().min(REFERRAL_ATTRIBUTION_DAYS.min).max(REFERRAL_ATTRIBUTION_DAYS.max).int().default(30),
});
export type ReferralRule = z.infer<typeof referralRuleSchema>;

export function parseReferralRule(raw: unknown): ReferralRule {
  return referralRuleSchema.parse(raw ?? {});
}

// Providers that ignore dots in the local part and deliver "name+tag@" to "name@".
const DOT_AND_TAG_PROVIDERS = new Set(["gmail.com", "googlemail.com"]);
// Providers with plus addressing only.
const TAG_PROVIDERS = new Set(["outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "fastmail.com", "proton.me", "protonmail.com", "posteo.de", "mailbox.org"]);

/** One mailbox, one identity: what a fraudster varies to look like a new person is taken out. */
export function canonicalEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (DOT_AND_TAG_PROVIDERS.has(domain) || TAG_PROVIDERS.has(domain)) local = local.split("+")[0]!;
  if (DOT_AND_TAG_PROVIDERS.has(domain)) local = local.replaceAll(".", "");
  return `${local}@${domain}`;
}

export type ClaimRejection = "self-referral" | "existing-customer" | "ip-limit" | "disabled" | "already-referred";

/** Whether a friend may claim the offer. Rejections are recorded, never shown as such. */
export function checkClaim(input: {
  rule: ReferralRule;
  referrer: { id: string; email: string; shopCustomerId: string | null };
  friend: { id: string | null; email: string; shopCustomerId: string | null; hasOrders: boolean; alreadyReferred: boolean };
  claimsFromIpLast7Days: number;
}): { ok: true } | { ok: false; reason: ClaimRejection } {
  const { rule, referrer, friend } = input;
  if (!rule.enabled) return { ok: false, reason: "disabled" };
  const sameMember = friend.id !== null && friend.id === referrer.id;
  const sameCustomer = friend.shopCustomerId !== null && friend.shopCustomerId === referrer.shopCustomerId;
  if (sameMember || sameCustomer || canonicalEmail(friend.email) === canonicalEmail(referrer.email)) return { ok: false, reason: "self-referral" };
  if (friend.alreadyReferred) return { ok: false, reason: "already-referred" };
  if (friend.hasOrders) return { ok: false, reason: "existing-customer" };
  if (input.claimsFromIpLast7Days >= rule.ipClaimLimit) return { ok: false, reason: "ip-limit" };
  return { ok: true };
}

export type QualifyRejection = "not-first-order" | "below-minimum" | "monthly-limit";

/** Whether the friend's order earns the referrer points, and from when they are safe. */
export function checkQualifyingOrder(input: {
  rule: ReferralRule;
  subtotalCents: number;
  earlierOrders: number;
  referrerQualifiedThisMonth: number;
  paidAt: Date;
}): { ok: true; points: number; pendingUntil: Date } | { ok: false; reason: QualifyRejection } {
  const { rule } = input;
  if (input.earlierOrders > 0) return { ok: false, reason: "not-first-order" };
  if (input.subtotalCents < rule.qualifyingOrderCents) return { ok: false, reason: "below-minimum" };
  if (input.referrerQualifiedThisMonth >= rule.monthlyLimit) return { ok: false, reason: "monthly-limit" };
  return { ok: true, points: rule.referrerPoints, pendingUntil: new Date(input.paidAt.getTime() + rule.returnWindowDays * DAY_MS) };
}

/** The first instant of the calendar month `now` is in (the program's time zone): the monthly limit counts from here. */
export function monthStart(now: Date, timeZone: string): Date {
  return monthStartIn(now, timeZone);
}

// Referral codes: short, readable aloud, no look-alikes (Crockford base 32 without 0/1 confusion).
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A code from random bytes (the caller supplies them, so this stays pure and testable). */
export function referralCodeFrom(randomBytes: Uint8Array, length = 7): string {
  return Array.from(randomBytes.slice(0, length), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

export function isReferralCode(value: string): boolean {
  return /^[2-9ABCDEFGHJKMNPQRSTVWXYZ]{7}$/.test(value);
}

export type ReferralStats = { invited: number; joined: number; purchased: number; pointsEarned: number; pointsPending: number };
