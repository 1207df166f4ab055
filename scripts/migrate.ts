// `npm run db:migrate`: brings the configured database (DATABASE_URL or the embedded one) up to date.
import { connect } from "../lib/db/connect";
import { env } from "../lib/env";

async function main() {
  const config = env();
  const connection = config.databaseUrl
    ? await connect({ kind: "postgres", url: config.databaseUrl, poolSize: 1 })
    : await connect({ kind: "pglite", dataDir: config.dataDir });
  await connection.close();
  console.log(`treue: migrations applied (${connection.kind === "pglite" ? config.dataDir : "postgres"})`);
}

main().catch((error: unknown) => {
  console.error(`treue: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
