import "server-only";
import { and, asc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { EarnRule } from "../../loyalty/earn-rule";
import type { MemberRole } from "../../loyalty/roles";
import type { Database } from "../connect";
import { isUniqueViolation } from "../pg-errors";
import { PROGRAM_ID } from "../program-id";
import { coupons, members, rewards, storefrontHandovers, tasks } from "../schema";
import { earnRuleAt, getProgramConfig, getProgramFace } from "./program";

/** A member the shop's verified identity could be (lib/storefront/identity-match.ts decides which). */
export type StorefrontCandidate = { id: string; email: string; shopCustomerId: string | null; role: MemberRole; erased: boolean };

/** Treue's green: the colour of a shop that has not chosen its own (as the app's manifest). */
const DEFAULT_BRAND_COLOR = "#136441";

/**
 * What product pages price with: the program's currency and the earn rule in force at `at`
 * (a version saved for later has not started yet). Null on a fresh install (no program yet).
 */
export async function getStorefrontPricing(db: Database, at: Date): Promise<{ currency: string; earnRule: EarnRule } | null> {
  const config = await getProgramConfig(db);
  if (!config.exists) return null;
  return { currency: config.currency, earnRule: earnRuleAt(config, at).rule };
}

/** The shop's face for widgets on its pages: its name, colour and logo (as stored: may be a path of this app). Null without a program. */
export async function getStorefrontBrand(db: Database): Promise<{ name: string; color: string; logoUrl: string | null } | null> {
  const face = await getProgramFace(db);
  if (!face) return null;
  return { name: face.branding.shopName ?? face.name, color: face.branding.primaryColor ?? DEFAULT_BRAND_COLOR, logoUrl: face.branding.logoUrl ?? null };
}

const candidateColumns = {
  id: members.id,
  email: members.email,
  shopCustomerId: members.shopCustomerId,
  role: members.role,
  erased: sql<boolean>`${members.erasedAt} is not null`,
};

/** The members a storefront identity could be: the one with the shop's customer id, the one with the e-mail. */
export async function findStorefrontCandidates(db: Database, customerId: string, email: string): Promise<StorefrontCandidate[]> {
  return db
    .select(candidateColumns)
    .from(members)
    .where(or(eq(members.shopCustomerId, customerId), eq(members.email, email)));
}

/**
 * "Join" from the shop's pages, for a customer the shop vouched for and Treue does not know: the
 * member the shop's events would make. An address that is already a member's is left alone (the
 * shop's account may carry it unconfirmed); the candidates say what became of it.
 */
export async function joinFromStorefront(db: Database, customerId: string, email: string): Promise<StorefrontCandidate[]> {
  try {
    await db.insert(members).values({ email, shopCustomerId: customerId }).onConflictDoNothing();
  } catch (error) {
    // Another join for the same customer id under another address won the unique key: the match says so.
    if (!isUniqueViolation(error)) throw error;
  }
  return findStorefrontCandidates(db, customerId, email);
}

/** Keeps a new hand-over token (its hash) for the member; hand-overs long past their time go at the same moment. */
export async function createHandover(db: Database, memberId: string, tokenHash: string, expiresAt: Date, now: Date): Promise<void> {
  await db.delete(storefrontHandovers).where(lt(storefrontHandovers.expiresAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
  await db.insert(storefrontHandovers).values({ tokenHash, memberId, expiresAt });
}

/** A stored hand-over as it is (for the landing page to say why it cannot sign in), or null. */
export async function readHandover(db: Database, tokenHash: string): Promise<{ memberId: string; expiresAt: Date; usedAt: Date | null } | null> {
  const [row] = await db.select({ memberId: storefrontHandovers.memberId, expiresAt: storefrontHandovers.expiresAt, usedAt: storefrontHandovers.usedAt }).from(storefrontHandovers).where(eq(storefrontHandovers.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * Uses a hand-over: one statement marks it used only while it is unused and unexpired, so of two
 * racing exchanges exactly one gets the member. Null when it was used, expired or never existed.
 */
export async function consumeHandover(db: Database, tokenHash: string, now: Date): Promise<{ memberId: string } | null> {
  const [row] = await db
    .update(storefrontHandovers)
    .set({ usedAt: now })
    .where(and(eq(storefrontHandovers.tokenHash, tokenHash), isNull(storefrontHandovers.usedAt), gt(storefrontHandovers.expiresAt, now)))
    .returning({ memberId: storefrontHandovers.memberId });
  return row ?? null;
}

/** The program's active tasks in their order: what a visitor could earn between purchases. */
export async function getPublicTasks(db: Database) {
  return db
    .select({ title: tasks.title, points: tasks.points })
    .from(tasks)
    .where(and(eq(tasks.programId, PROGRAM_ID), eq(tasks.active, true)))
    .orderBy(asc(tasks.position), asc(tasks.id));
}

/** A coupon of this member's as the launcher shows it right after redeeming: its code once the shop has it. */
export async function getIssuedCoupon(db: Database, memberId: string, couponId: string) {
  const [row] = await db
    .select({ code: coupons.code, expiresAt: coupons.expiresAt, shopStatus: coupons.shopStatus, shopPlatform: coupons.shopPlatform, rewardName: rewards.name })
    .from(coupons)
    .innerJoin(rewards, eq(rewards.id, coupons.rewardId))
    .where(and(eq(coupons.id, couponId), eq(coupons.memberId, memberId)));
  return row ?? null;
}
