// `npm run import:orders -- orders.csv [--apply] [--tiers-only]`: past orders from the shop, as the
// program would have credited them. Without --apply it is a dry run that reports what would happen.
import { createReadStream } from "node:fs";
import { openConfiguredDatabase } from "../lib/db";
import { importOrdersCsv } from "../lib/import/orders-csv";

async function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    console.error("usage: npm run import:orders -- orders.csv [--apply] [--tiers-only]\ncolumns: order_id, date, customer_id, email, subtotal, currency[, category]");
    process.exit(2);
  }
  const dryRun = !args.includes("--apply");
  const connection = await openConfiguredDatabase(2);
  try {
    const t0 = performance.now();
    const report = await importOrdersCsv(connection, createReadStream(file), { mode: args.includes("--tiers-only") ? "tiers-only" : "points", dryRun, actor: { id: null, email: "import:orders (command line)" } });
    for (const error of report.errors) console.error(`line ${error.line}: ${error.message}`);
    if (report.errorCount > 0) {
      console.error(`import:orders: ${report.errorCount} malformed row(s); nothing was imported. Fix the file and run again.`);
      process.exitCode = 1;
      return;
    }
    const verb = report.applied ? "imported" : "would import (dry run; --apply imports)";
    console.log(
      `import:orders: ${report.rows} rows, ${report.knownOrders} already known; ${verb} ${report.newOrders} orders, ${report.newMembers} new members, ${report.points} points in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`import:orders failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
