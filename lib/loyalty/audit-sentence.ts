// How the console's audit log tells a change in words: each action kind has a sentence in the
// catalogs (console.audit.sentences.<key>, a short label under console.audit.kinds.<key>), whose
// values come from the row's before/after here, and the thing it changed links to its page.
// lib/loyalty/audit-sentence.test.ts fails when code writes an action kind without a sentence.
import { formatMoney, isCurrencyCode } from "../i18n/money";

/** What a row holds, as the audit log stores it. */
export type AuditFacts = { action: string; target: string; before: unknown; after: unknown };

/** What the target names: a member, reward, task or campaign by id; a page of the program; a job. */
export type AuditTarget = { kind: string; id: string };

/** The catalog key of an action kind ("member.adjust" → "member_adjust"; next-intl reads dots as nesting). */
export function auditSentenceKey(action: string): string {
  return action.replace(/[^a-z0-9]+/gi, "_");
}

export function auditTarget(target: string): AuditTarget {
  const colon = target.indexOf(":");
  return colon < 0 ? { kind: target, id: "" } : { kind: target.slice(0, colon), id: target.slice(colon + 1) };
}

const programPages: Record<string, string> = {
  tiers: "/console/program/tiers",
  "earn-rule": "/console/program/earning",
  settings: "/console/program/settings",
  challenges: "/console/program/tasks",
  document: "/console/program/document",
};

/** The console page that shows what a row changed, if there is one. */
export function auditLink(target: string): string | null {
  const { kind, id } = auditTarget(target);
  if (kind === "member" && /^[0-9a-f-]{36}$/i.test(id)) return `/console/members/${id}`;
  const pages: Record<string, string | undefined> = {
    reward: "/console/program/rewards",
    task: "/console/program/tasks",
    campaign: "/console/campaigns",
    journey: "/console/journeys",
    connector: "/console/connections",
    "shop-api": "/console/connections",
    storefront: "/console/storefront",
    job: "/console/jobs",
    canned: "/console/conversations/answers",
    program: programPages[id],
  };
  return pages[kind] ?? null;
}

const platformNames: Record<string, string> = { shopify: "Shopify", woocommerce: "WooCommerce", shopware: "Shopware" };

const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown, fallback = "–") => (typeof value === "string" && value.trim() !== "" ? value : typeof value === "number" ? String(value) : fallback);
const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : Number(value) || 0);
const list = (value: unknown) => (Array.isArray(value) && value.length > 0 ? value.map(String).join(", ") : "–");
const date = (value: unknown) => {
  const at = typeof value === "string" || value instanceof Date ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : new Date(0);
};

/**
 * The details a row's sentence needs beyond who and what: points (as an amount, with `sign` to pick
 * the verb), reasons, codes, roles, dates. Absent details read as "–" rather than failing the page.
 */
export function auditSentenceValues({ action, target, before, after }: AuditFacts, locale = "de"): Record<string, string | number | Date> {
  const b = record(before);
  const a = record(after);
  const { kind, id } = auditTarget(target);
  const base = { platform: kind === "connector" ? (platformNames[id] ?? id) : "" };
  switch (auditSentenceKey(action)) {
    case "member_adjust":
      return { ...base, points: Math.abs(count(a.points)), sign: count(a.points) < 0 ? "minus" : "plus", reason: text(a.reason) };
    case "coupon_cancel":
      return { ...base, coupon: text(a.coupon ?? b.coupon), points: count(a.refundedPoints), reason: text(a.reason) };
    case "coupon_reissue":
      return { ...base, coupon: text(a.coupon), replaces: text(a.replaces ?? b.coupon), reason: text(a.reason) };
    case "support_resolve":
      return { ...base, points: count(a.points), reply: text(a.reply) };
    case "conversation_reply":
    case "conversation_note":
      return { ...base, body: text(a.body) };
    case "conversation_assign":
      return { ...base, name: text(a.name) };
    case "conversation_resolve":
      return { ...base, points: count(a.points), reason: text(a.reason) };
    case "canned_save":
      return { ...base, title: text(a.title), locale: text(a.locale) };
    case "canned_delete":
      return { ...base, title: text(b.title), locale: text(b.locale) };
    case "submission_reject":
      return { ...base, reason: text(a.reason) };
    case "staff_invite":
    case "staff_role":
      return { ...base, role: text(a.role), previous: text(b.role) };
    case "storefront_origins":
      return { ...base, origins: list(a.origins) };
    case "connector_paid_statuses":
      return { ...base, statuses: list(a.statuses) };
    case "connector_discounts":
      return { ...base, enabled: a.enabled === true ? "yes" : "no" };
    case "program_tiers_schedule":
    case "program_settings_schedule":
      return { ...base, from: date(a.effectiveFrom) };
    case "program_earn_rule":
      return { ...base, version: count(a.version), from: date(a.effectiveFrom) };
    case "shop_api_secret_set":
    case "shop_api_secret_rotated":
      return { ...base, hint: text(a.hint) };
    case "shop_api_secret_deleted":
      return { ...base, hint: text(b.hint) };
    case "reward_codes":
      return { ...base, added: count(a.added) };
    case "till_purchase":
      return { ...base, store: text(a.store), receipt: text(a.receipt), points: count(a.points), amount: isCurrencyCode(text(a.currency)) ? formatMoney(locale, count(a.amountCents), text(a.currency)) : "–" };
    case "till_coupon":
      return { ...base, coupon: text(a.coupon), store: text(a.store) };
    default:
      return base;
  }
}
