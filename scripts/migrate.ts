// `npm run db:migrate`: brings the configured database (DATABASE_URL or the embedded one) up to date.
import { openConfiguredDatabase } from "../lib/db";
import { env } from "../lib/env";

async function main() {
  const config = env();
  const connection = await openConfiguredDatabase(1);
  await connection.close();
  console.log(`treue: migrations applied (${connection.kind === "pglite" ? config.dataDir : "postgres"})`);
}

main().catch((error: unknown) => {
  console.error(`treue: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
