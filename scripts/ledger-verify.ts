// `npm run ledger:verify`: proves every member's ledger sums to their balance (exit 1 if not).
import { openConfiguredDatabase } from "../lib/db";
import { findLedgerMismatches } from "../lib/db/ledger-audit";
import { members } from "../lib/db/schema";

async function main() {
  const connection = await openConfiguredDatabase(1);
  try {
    const [mismatches, count] = await Promise.all([findLedgerMismatches(connection.db), connection.db.$count(members)]);
    for (const m of mismatches) console.error(`member ${m.memberId}: balance ${m.balance}, ledger sums to ${m.ledgerSum}`);
    console.log(`ledger:verify: ${count} members checked, ${mismatches.length} mismatches`);
    if (mismatches.length > 0) process.exitCode = 1;
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`ledger:verify failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
