// Redemptions that become discounts in the shop: 20 shoppers redeem at the same moment while the
// shop's admin API (a local stand-in of Shopify's) takes 150 ms per answer. Measures what a shopper
// waits for, as the redeem action does it (redemption, then the first call to the shop in the same
// request), from the tap to the code: p50, p95, max. Goal: p95 under 1 s. On PostgreSQL (its own
// database, made and dropped) and on PGlite.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { admin, adminUrl } from "./admin-db";
import { startFakeShopify } from "../lib/connectors/discounts/fakes/shopify-admin";
import { discountAdapters, discountChooser, processShopDiscounts } from "../lib/connectors/discounts/run";
import { connect, type Database } from "../lib/db/connect";
import { saveDiscountSettings } from "../lib/connectors/settings";
import { redeemReward } from "../lib/server/rewards";
import { seedDemo } from "../lib/db/seed-demo";
import { coupons, ledgerEntries, members } from "../lib/db/schema";

process.env.TREUE_ENCRYPTION_KEY ??= "bench-discounts-key-bench-discounts-key";
// The stand-in shop runs on loopback.
process.env.TREUE_SHOP_PRIVATE_NETWORK = "1";
const CONCURRENT = Number(process.env.BENCH_REDEMPTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SHOP_MS = Number(process.env.BENCH_SHOP_MS ?? 150);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(db: Database, label: string) {
  const shop = await startFakeShopify();
  shop.delayMs = SHOP_MS;
  try {
    await seedDemo(db, new Date());
    const [owner] = await db.select().from(members).where(eq(members.role, "owner")).limit(1);
    await saveDiscountSettings(db, { id: owner?.id ?? null, email: owner?.email ?? "bench@example.com" }, "shopify", { enabled: true, adminUrl: shop.url, credentials: { accessToken: shop.credentials.accessToken! } }, process.env.TREUE_ENCRYPTION_KEY!);
    const waits: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const shoppers = await db
        .insert(members)
        .values(Array.from({ length: CONCURRENT }, (_, i) => ({ email: `bench-${round}-${i}-${randomBytes(3).toString("hex")}@example.com`, shopCustomerId: `${round * 1000 + i + 1}` })))
        .returning({ id: members.id });
      await db.insert(ledgerEntries).values(shoppers.map((m) => ({ memberId: m.id, delta: 1_000, kind: "adjust" as const, sourceRef: "bench", idempotencyKey: `bench:${m.id}` })));
      await Promise.all(
        shoppers.map(async (m) => {
          const started = performance.now();
          // As lib/actions/redeem.ts: which shop, the redemption, then the first call while the shopper waits.
          const adapters = await discountAdapters(db);
          const shopFor = discountChooser(adapters);
          const outcome = await redeemReward(db, m.id, "eur5", `bench-${m.id}`, new Date(), shopFor);
          if (outcome.status !== "issued") throw new Error(`redemption ${outcome.status}`);
          await processShopDiscounts(db, () => new Date(), { couponId: outcome.coupon.id, currency: "EUR", adapters });
          const [row] = await db.select({ status: coupons.shopStatus }).from(coupons).where(eq(coupons.id, outcome.coupon.id));
          if (row?.status !== "created") throw new Error(`discount ${row?.status}`);
          waits.push(performance.now() - started);
        }),
      );
    }
    waits.sort((a, b) => a - b);
    const made = shop.discounts().length;
    const n = await db.$count(coupons, eq(coupons.shopStatus, "created"));
    console.log(
      `${label}: ${waits.length} redemptions, ${CONCURRENT} at once, shop answering in ${SHOP_MS} ms — tap to code p50 ${percentile(waits, 50).toFixed(0)} ms, p95 ${percentile(waits, 95).toFixed(0)} ms, max ${waits.at(-1)!.toFixed(0)} ms (goal p95 < 1000 ms); ${made} discounts in the shop, ${n} coupons created${shop.violations.length ? `; VIOLATIONS: ${shop.violations.join("; ")}` : ""}`,
    );
  } finally {
    await shop.close();
  }
}

async function main() {
  const name = `treue_bench_discounts_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const pg = await connect({ kind: "postgres", url: url.toString(), poolSize: 30 });
    try {
      await measure(pg.db, "PostgreSQL");
    } finally {
      await pg.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const lite = await connect({ kind: "pglite" });
  try {
    await measure(lite.db, "PGlite");
  } finally {
    await lite.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
