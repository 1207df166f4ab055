import "server-only";
// Shopware 6's app system: the registration handshake (GET register → proof and a per-shop secret;
// POST confirm → the shop's Admin API credentials) and the webhooks, each signed hex HMAC-SHA256:
// registration with the app secret over the query string, everything after with the shop's secret.
import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { getDb } from "../db";
import { confirmShopwareShop, getOrderFacts, getShopwareCredentials, getShopwareShop, orderFactsShop, recordDelivery, registerShopwareShop } from "../db/queries/connectors";
import { programCurrency } from "../db/queries/program";
import { env } from "../env";
import { readCappedBytes } from "../http/read-capped";
import { problem } from "../shop-api/problem";
import { applyMapping, MAX_WEBHOOK_BYTES } from "./receive";
import { completedRefunds, ShopwareAdminError } from "./shopware-admin";
import { checkShopUrl } from "./shop-url";
import { mapShopware, mapShopwareRefunds, PARTIAL_REFUND, registrationProof, shopwareOrderRef } from "./shopware";
import { verifyHmac } from "./signature";

/** Shopware sends the registration's timestamp in seconds; an old one is a replay. */
const MAX_CLOCK_SKEW_S = 300;

function configured() {
  const config = env();
  if (!config.shopwareApp || !config.encryptionKey) return null;
  return { app: config.shopwareApp, key: config.encryptionKey, publicUrl: config.publicUrl };
}

const notConfigured = () => problem(503, "not-configured", "Shopware app not configured", "set TREUE_SHOPWARE_APP_SECRET (and TREUE_ENCRYPTION_KEY or the auth secret)");
const badSignature = (what: string) => problem(401, "invalid-signature", "Invalid signature", what);

export async function registerShopware(request: Request): Promise<Response> {
  const setup = configured();
  if (!setup) return notConfigured();
  const url = new URL(request.url);
  const query = url.search.slice(1);
  if (!verifyHmac([setup.app.secret], query, request.headers.get("shopware-app-signature"), "hex")) return badSignature("shopware-app-signature does not match the query string under the app secret");
  const shopId = url.searchParams.get("shop-id");
  const shopUrl = url.searchParams.get("shop-url");
  const timestamp = Number(url.searchParams.get("timestamp"));
  if (!shopId || !shopUrl || !Number.isFinite(timestamp)) return problem(400, "invalid-input", "Incomplete registration", "shop-id, shop-url and timestamp are required");
  if (Math.abs(Date.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_S) return badSignature("the registration's timestamp is more than 300 s away from the server's clock");
  // The server will call this URL with the shop's Admin API credentials: never into its own network.
  if (!(await checkShopUrl(shopUrl)).ok) return problem(400, "invalid-input", "Shop URL not allowed", "shop-url must be an https URL whose host resolves to public addresses only");
  const secret = randomBytes(32).toString("hex");
  await registerShopwareShop(await getDb(), { shopId, shopUrl, secret }, setup.key);
  return NextResponse.json({
    proof: registrationProof(shopId, shopUrl, setup.app.name, setup.app.secret),
    secret,
    confirmation_url: new URL("/api/connectors/shopware/confirm", setup.publicUrl ?? url.origin).toString(),
  });
}

export async function confirmShopware(request: Request): Promise<Response> {
  const setup = configured();
  if (!setup) return notConfigured();
  const raw = await readCappedBytes(request, 64 * 1024);
  if (raw === null) return problem(413, "payload-too-large", "Payload too large", "the confirmation must be at most 64 KiB");
  const body = parseJson(raw);
  const shopId = typeof body?.shopId === "string" ? body.shopId : null;
  const db = await getDb();
  const shop = shopId ? await getShopwareShop(db, shopId, setup.key) : null;
  // Unknown shop or wrong signature look the same from outside: nothing is stored either way.
  if (!shop || !verifyHmac([shop.secret], raw, request.headers.get("shopware-shop-signature"), "hex")) return badSignature("shopware-shop-signature does not match under the shop's secret from its registration");
  if (typeof body?.apiKey !== "string" || typeof body?.secretKey !== "string") return problem(400, "invalid-input", "Incomplete confirmation", "apiKey and secretKey are required");
  await confirmShopwareShop(db, shop.shopId, { apiKey: body.apiKey, secretKey: body.secretKey }, setup.key);
  return new Response(null, { status: 204 });
}

export async function receiveShopwareWebhook(request: Request): Promise<Response> {
  const setup = configured();
  if (!setup) return notConfigured();
  const raw = await readCappedBytes(request, MAX_WEBHOOK_BYTES);
  if (raw === null) return problem(413, "payload-too-large", "Payload too large", `a webhook body must be at most ${MAX_WEBHOOK_BYTES} bytes`);
  const payload = parseJson(raw) as { source?: { shopId?: unknown; eventId?: unknown }; data?: { event?: unknown } } | null;
  const shopId = typeof payload?.source?.shopId === "string" ? payload.source.shopId : null;
  const db = await getDb();
  const shop = shopId ? await getShopwareShop(db, shopId, setup.key) : null;
  if (!shop || !verifyHmac([shop.secret], raw, request.headers.get("shopware-shop-signature"), "hex")) return badSignature("shopware-shop-signature does not match under a registered shop's secret");
  const topic = typeof payload?.data?.event === "string" ? payload.data.event : "";
  const deliveryId = typeof payload?.source?.eventId === "string" ? payload.source.eventId : "unknown";
  const orderRef = shopwareOrderRef(payload);
  const log = (outcome: Parameters<typeof recordDelivery>[1]["outcome"], detail: string | null) => recordDelivery(db, { platform: "shopware", deliveryId, topic, outcome, detail });
  // An order belongs to the shop that first sent it: another registered shop neither reads its facts nor takes it back.
  const owner = orderRef ? await orderFactsShop(db, "shopware", orderRef) : null;
  if (owner !== null && owner !== shop.shopId) {
    const reason = owner === "" ? `order ${orderRef} was kept before orders were told apart by shop: take its refunds back by hand` : `order ${orderRef} came from another registered shop`;
    await log("rejected", reason);
    return NextResponse.json({ status: "rejected", detail: reason });
  }
  const context = { currency: await programCurrency(db), facts: orderRef ? await getOrderFacts(db, "shopware", orderRef, shop.shopId) : null };
  if (topic !== PARTIAL_REFUND || !orderRef || !context.facts) return applyMapping(db, "shopware", mapShopware(payload, context), context, log, shop.shopId);
  const credentials = await getShopwareCredentials(db, shop.shopId, setup.key);
  if (!credentials) {
    await log("failed", "the shop has not confirmed the app's Admin API access, so the partial refund's amount cannot be read");
    return NextResponse.json({ status: "failed" });
  }
  try {
    return applyMapping(db, "shopware", mapShopwareRefunds(orderRef, await completedRefunds(credentials, orderRef), context), context, log, shop.shopId);
  } catch (error) {
    if (!(error instanceof ShopwareAdminError)) throw error;
    // Shopware sends the webhook again later; the refunds are read afresh then. Why it failed is
    // for staff (Connections), not for the caller: it would tell what the server can reach.
    await log("failed", error.message);
    return problem(502, "upstream-unavailable", "Shop's Admin API unavailable", "the shop's Admin API could not be read; send the webhook again later (Console → Connections shows why)");
  }
}

function parseJson(raw: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
