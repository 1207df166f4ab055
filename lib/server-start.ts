import { env } from "./env";
import { getConnection } from "./db";
import { readShopApiSecret } from "./db/queries/shop-api-secret";
import { seedDemo, DEMO_CAMPER, DEMO_OWNER, DEMO_SHOPPER, DEMO_STAFF, DEMO_TILL } from "./db/seed-demo";
import { startJobs } from "./jobs/start";
import { log } from "./log";

export async function startServer(): Promise<void> {
  try {
    const config = env();
    const { db, kind } = await getConnection();
    await startJobs(kind);
    log.info({ database: kind, ...(kind === "pglite" && { dataDir: config.dataDir }) }, "database ready");
    // A warning must never keep the server from starting.
    await warnOfOutrankedShopSecret(db, config).catch((error: unknown) => log.warn({ err: { message: String(error) } }, "could not check for a stored shop API secret"));
    if (config.demo) {
      const { shopperBalance } = await seedDemo(db);
      const base = config.publicUrl ?? `http://localhost:${process.env.PORT ?? 3000}`;
      // For the person who just ran the demo: a readable banner, not a log line.
      console.log(
        [
          "treue: demo shop ready",
          `  open        ${base}/login`,
          `  shopper     ${DEMO_SHOPPER.email} (${shopperBalance} points; bikes, clothes, bags)`,
          `  shopper     ${DEMO_CAMPER.email} (tents: Home suggests other rewards)`,
          `  owner       ${DEMO_OWNER.email}  (console: ${base}/console)`,
          `  moderator   ${DEMO_STAFF.email}`,
          `  till        ${DEMO_TILL.email}  (${base}/console/till)`,
          `  mailbox     ${base}/dev/mailbox  (the sign-in links land here)`,
          `  shop secret ${config.shopSecret ?? "(TREUE_SHOP_SECRET not set: the console keeps it, under Connections → Shop API)"}`,
        ].join("\n"),
      );
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.fatal({ err: { message } }, `cannot start: ${message}`);
    process.exit(1);
  }
}

/**
 * TREUE_SHOP_SECRET outranks a secret stored in the console, which quietly takes over again once
 * the variable is removed: say so, so an operator deletes it (Connections → Shop API) or expects it.
 */
export async function warnOfOutrankedShopSecret(db: Awaited<ReturnType<typeof getConnection>>["db"], config: ReturnType<typeof env>): Promise<boolean> {
  if (!config.shopSecret) return false;
  const stored = await readShopApiSecret(db, config.encryptionKey);
  if (!stored) return false;
  log.warn(
    { storedSecretHint: `…${stored.hint}`, setAt: stored.setAt.toISOString() },
    "TREUE_SHOP_SECRET is set and a shop API secret is also stored in the console: the stored one is unused now but takes over if the variable is removed; delete it under Console → Connections → Shop API if it is not wanted",
  );
  return true;
}
