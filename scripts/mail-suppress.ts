// `npm run mail:suppress -- <address> [bounce|complaint|manual]` stops all mail to an address (a
// bounce or complaint the mail provider reported by mail or in its dashboard);
// `npm run mail:suppress -- --lift <address>` lets mail go there again.
import { openConfiguredDatabase } from "../lib/db";
import { liftSuppression, suppressEmail, type SuppressionReason } from "../lib/db/queries/email-suppressions";
import { emailEventSchema } from "../lib/validations/email-events";

const reasons: SuppressionReason[] = ["bounce", "complaint", "manual"];

async function main() {
  const args = process.argv.slice(2);
  const lift = args[0] === "--lift";
  const [address, reason = "manual"] = lift ? args.slice(1) : args;
  if (!address || !emailEventSchema.shape.email.safeParse(address).success || !reasons.includes(reason as SuppressionReason)) {
    console.error("usage: npm run mail:suppress -- <address> [bounce|complaint|manual]\n       npm run mail:suppress -- --lift <address>");
    process.exit(2);
  }
  const connection = await openConfiguredDatabase(1);
  try {
    if (lift) console.log((await liftSuppression(connection.db, address)) ? `mail to ${address} is allowed again` : `${address} was not suppressed`);
    else {
      await suppressEmail(connection.db, address, reason as SuppressionReason, "by the mail:suppress command");
      console.log(`no more mail to ${address} (${reason})`);
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`mail:suppress failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
