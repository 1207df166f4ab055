import "server-only";
// The one intake of every platform's webhooks: size cap, the platform's own signature over the raw
// body (nothing read or written before it checks out), then the platform's mapping into Treue's
// shop events, applied by the same code as POST /api/v1/events
// (lib/server/orders/apply-shop-event.ts); the Treue coupons an order used are marked used as
// POST /api/v1/coupons/{code}/redeem marks them.
import { NextResponse } from "next/server";
import { getDb } from "../db";
import type { Database } from "../db/connect";
import { getCoupon } from "../db/queries/coupons";
import { markCouponUsed } from "../server/rewards";
import { getOrderFacts, getConnectorSettings, keepOrderFacts, recordDelivery, type DeliveryOutcome } from "../db/queries/connectors";
import { getProgramConfig, programCurrency } from "../db/queries/program";
import { applyShopEvent } from "../server/orders/apply-shop-event";
import { env } from "../env";
import { DomainError } from "../errors";
import { readCappedBytes } from "../http/read-capped";
import { nudgeDelivery } from "../jobs/runner";
import { bodyHash } from "../shop-api/canonical-json";
import { problem } from "../shop-api/problem";
import { isStoreId } from "../loyalty/shop-event-ids";
import { connectorEventSchema } from "../validations/shop-events";
import { firstIssue } from "./mapping";
import { actOnPrivacyRequest } from "./privacy";
import { mapShopify, shopifyOrderRef } from "./shopify";
import { verifyHmac } from "./signature";
import type { ConnectorPlatform, CouponUse, Mapping, MappingContext, Platform } from "./types";
import { DEFAULT_PAID_STATUSES, mapWooCommerce, wooOrderRef } from "./woocommerce";

/** Orders with hundreds of lines stay well below this; a platform never sends more. */
export const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;
/** The topic of the console's "send test" (any platform): verifies URL and secret, changes nothing. */
export const TEST_TOPIC = "treue/test";

type Spec = {
  signature: (headers: Headers) => string | null;
  topic: (headers: Headers) => string;
  deliveryId: (headers: Headers) => string;
  orderRef: (topic: string, payload: unknown) => string | null;
  map: (topic: string, payload: unknown, context: MappingContext & { paidStatuses: readonly string[] }) => Mapping;
};

const specs: Record<Platform, Spec> = {
  shopify: {
    signature: (h) => h.get("x-shopify-hmac-sha256"),
    topic: (h) => h.get("x-shopify-topic") ?? "",
    // The event id is the same across retries; the webhook id names this delivery.
    deliveryId: (h) => h.get("x-shopify-webhook-id") ?? h.get("x-shopify-event-id") ?? "unknown",
    orderRef: shopifyOrderRef,
    map: mapShopify,
  },
  woocommerce: {
    signature: (h) => h.get("x-wc-webhook-signature"),
    topic: (h) => h.get("x-wc-webhook-topic") ?? "",
    deliveryId: (h) => h.get("x-wc-webhook-delivery-id") ?? "unknown",
    orderRef: wooOrderRef,
    map: mapWooCommerce,
  },
};

export async function receiveWebhook(platform: Platform, request: Request): Promise<Response> {
  const spec = specs[platform];
  const raw = await readCappedBytes(request, MAX_WEBHOOK_BYTES);
  if (raw === null) return problem(413, "payload-too-large", "Payload too large", `a webhook body must be at most ${MAX_WEBHOOK_BYTES} bytes`);
  // WooCommerce checks a new webhook's URL with an unsigned form post "webhook_id=N": it only needs a 200.
  if (platform === "woocommerce" && !spec.signature(request.headers) && /^webhook_id=\d+$/.test(raw.toString("utf8").trim())) {
    return NextResponse.json({ status: "ping" });
  }
  const db = await getDb();
  const settings = await getConnectorSettings(db, platform, env().encryptionKey);
  const secrets = [env().connectorSecrets[platform], settings.secret].filter((s): s is string => Boolean(s));
  if (secrets.length === 0) return problem(503, "not-configured", "Connector not configured", `set the ${platform} webhook secret in the console (Connections) or by environment`);
  if (!verifyHmac(secrets, raw, spec.signature(request.headers), "base64")) {
    return problem(401, "invalid-signature", "Invalid signature", `the ${platform} signature header does not match the body under the configured secret`);
  }

  const topic = spec.topic(request.headers);
  const deliveryId = spec.deliveryId(request.headers);
  const log = (outcome: DeliveryOutcome, detail: string | null) => recordDelivery(db, { platform, deliveryId, topic, outcome, detail });
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString("utf8"));
  } catch {
    await log("rejected", "the body is not JSON");
    return problem(400, "invalid-json", "Invalid JSON", "the webhook body is not valid JSON");
  }
  if (topic === TEST_TOPIC) {
    await log("test", "the test delivery arrived and its signature checked out");
    return NextResponse.json({ status: "test" });
  }

  const orderRef = spec.orderRef(topic, payload);
  const context = {
    currency: await programCurrency(db),
    facts: orderRef ? await getOrderFacts(db, platform, orderRef) : null,
    paidStatuses: settings.paidStatuses ?? DEFAULT_PAID_STATUSES,
  };
  return applyMapping(db, platform, spec.map(topic, payload, context), context, log);
}

/**
 * A delivery's mapping made real: privacy requests acted on, events applied one by one through
 * the shop API's own code, the outcome logged for Connections and answered to the platform.
 * `shop`: the Shopware shop that sent it, whose order facts these are.
 */
export async function applyMapping(
  db: Database,
  platform: ConnectorPlatform,
  mapping: Mapping,
  context: MappingContext,
  log: (outcome: DeliveryOutcome, detail: string | null) => Promise<void>,
  shop = "",
): Promise<Response> {
  if (mapping.outcome === "privacy") {
    const acted = await actOnPrivacyRequest(db, platform, mapping.request);
    await log(acted.outcome, acted.detail);
    return NextResponse.json({ status: acted.outcome, detail: acted.detail });
  }
  if (mapping.outcome !== "events") {
    await log(mapping.outcome, mapping.reason);
    return NextResponse.json({ status: mapping.outcome, detail: mapping.reason });
  }
  // As POST /api/v1/events: no program yet (the set-up wizard is not finished), nothing is written and
  // the platform, answered 503, delivers the webhook again later.
  if (!(await getProgramConfig(db)).exists) {
    await log("failed", "no loyalty program is set up yet: finish the set-up wizard in the console; the shop sends this again");
    const response = problem(503, "program-not-set-up", "Program not set up", "no loyalty program is set up on this server yet: finish the set-up wizard in the console");
    response.headers.set("retry-after", "600");
    return response;
  }

  const results: { id: string; status: "applied" | "duplicate" | "ignored" | "rejected"; points_delta?: number; detail?: string }[] = [];
  let orderMember: string | null = null;
  for (const candidate of mapping.events) {
    const event = connectorEventSchema.safeParse(candidate);
    if (!event.success) {
      results.push({ id: candidate.id, status: "rejected", detail: firstIssue(event.error) });
      continue;
    }
    // The till's ids (store:…) are its own: a platform's order must never take a booked receipt's place.
    const storeId = [event.data.id, event.data.type === "customer.updated" ? "" : event.data.data.order_id].find(isStoreId);
    if (storeId) {
      results.push({ id: event.data.id, status: "rejected", detail: `${storeId} starts with store:, which is reserved for purchases booked at the shop's till` });
      continue;
    }
    try {
      const outcome = await applyShopEvent(db, event.data, bodyHash(event.data));
      // The same fact sent again with other details (a renamed customer, say) still applies once.
      if (outcome.status === "conflict") results.push({ id: event.data.id, status: "duplicate" });
      else results.push({ id: event.data.id, status: outcome.status, points_delta: outcome.result.points_delta });
      if (outcome.status !== "conflict" && event.data.type === "order.paid" && event.data.data.order_id === mapping.coupons?.orderId) orderMember = outcome.result.member_id;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error; // the platform retries a 500: nothing is lost
      results.push({ id: event.data.id, status: "ignored", detail: error.message });
    }
  }
  // Kept once the events are in: the facts also say "this order has earned", so facts kept before a
  // failed apply (a 500, retried by the platform) would have the retry find nothing left to earn.
  if (mapping.facts && !context.facts) await keepOrderFacts(db, platform, mapping.facts, shop);
  // After the order's points: whatever became of a code, the order earns.
  const coupons = mapping.coupons ? await markOrderCoupons(db, mapping.coupons, orderMember) : [];
  if (results.some((r) => r.status === "applied")) nudgeDelivery();
  // An order's codes alone (Shopify's orders/create): the delivery is what became of them.
  const outcomes = results.length > 0 ? results : coupons.map((c) => ({ status: c.status === "used" ? ("applied" as const) : c.status === "duplicate" ? ("duplicate" as const) : ("ignored" as const) }));
  const status = (["applied", "duplicate", "rejected", "ignored"] as const).find((s) => outcomes.some((r) => r.status === s)) ?? "ignored";
  const detail = [
    ...results.map((r) => `${r.id}: ${r.status}${r.points_delta ? ` (${r.points_delta > 0 ? "+" : ""}${r.points_delta} P)` : ""}${r.detail ? ` – ${r.detail}` : ""}`),
    ...coupons.map((c) => `coupon ${c.code}: ${c.status === "refused" ? "not marked used" : c.status === "duplicate" ? "already marked used by this order" : "used by this order"}${c.detail ? ` – ${c.detail}` : ""}`),
  ];
  await log(status, detail.length > 0 ? detail.join("; ") : `none of order ${mapping.coupons?.orderId ?? ""}'s codes is a Treue coupon`);
  return NextResponse.json({ status, events: results, ...(coupons.length > 0 && { coupons }) }, { headers: { "cache-control": "no-store" } });
}

type CouponResult = { code: string; status: "used" | "duplicate" | "refused"; detail?: string };

/**
 * Marks each Treue coupon among an order's codes used by that order, through the shop API's own
 * markCouponUsed: once, the same order again is no second use, another order's use is refused. The
 * shop's own codes are none of Treue's business and are left out. Nothing here fails the delivery:
 * the shop has already honoured the code, so a refusal is only shown in Connections. `orderMember`:
 * the member the order earned for, when known; a coupon issued to someone else is still marked
 * used (the shop accepted it) and that is said.
 */
async function markOrderCoupons(db: Database, use: CouponUse, orderMember: string | null): Promise<CouponResult[]> {
  const now = new Date();
  // Used at checkout: a code valid then counts even when the payment arrives after its expiry.
  const placed = use.usedAt ? new Date(use.usedAt) : null;
  const at = placed && !Number.isNaN(placed.getTime()) && placed < now ? placed : now;
  const results: CouponResult[] = [];
  for (const code of use.codes) {
    const before = await getCoupon(db, code, at);
    if (!before) continue; // the shop's own code
    const outcome = await markCouponUsed(db, code, use.orderId, at);
    switch (outcome.status) {
      case "unknown":
        continue;
      case "used": {
        const elsewhere = orderMember !== null && outcome.coupon.member_id !== orderMember;
        results.push({
          code,
          status: before.used_order_id === use.orderId ? "duplicate" : "used",
          ...(elsewhere && { detail: "issued to another member than the order's; marked used all the same, as the shop accepted it" }),
        });
        break;
      }
      case "already-used":
        results.push({ code, status: "refused", detail: `already used by order ${outcome.coupon.used_order_id} at ${outcome.coupon.used_at}; this order earns all the same` });
        break;
      case "expired":
        results.push({ code, status: "refused", detail: `expired at ${outcome.coupon.expires_at}; the order earns all the same` });
        break;
      case "withdrawn":
        results.push({ code, status: "refused", detail: `${outcome.reason === "cancelled" ? "cancelled (its points were given back)" : "replaced by a new code"}; the order earns all the same` });
        break;
    }
  }
  return results;
}
