import { env } from "./env";
import { getConnection } from "./db";
import { seedDemo, DEMO_CAMPER, DEMO_OWNER, DEMO_SHOPPER, DEMO_STAFF } from "./db/seed-demo";
import { startJobs } from "./jobs/start";
import { log } from "./log";

export async function startServer(): Promise<void> {
  try {
    const config = env();
    const { db, kind } = await getConnection();
    await startJobs(kind);
    log.info({ database: kind, ...(kind === "pglite" && { dataDir: config.dataDir }) }, "database ready");
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
