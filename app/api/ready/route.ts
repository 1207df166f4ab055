import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { databaseAnswers, migrationState } from "@/lib/db/queries/readiness";
import { staleLoops } from "@/lib/jobs/heartbeat";
import { errorField, requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

const STARTED_AT = Date.now();
/** Push delivery turns every 15 s, scheduled changes every minute: three minutes without a round is stuck. */
const LOOP_MAX_AGE_MS = 3 * 60_000;

/**
 * Readiness, for the load balancer: may this instance take traffic? The database answers, it
 * has this build's migrations, and the background loops turn. (Liveness, "is the process
 * alive", is GET /api/health: it sends no query.)
 */
export async function GET(request: Request) {
  const checks: Record<string, { ok: boolean; detail?: string }> = {};
  try {
    const db = await getDb();
    checks.database = { ok: await databaseAnswers(db) };
    const migrations = await migrationState(db);
    checks.migrations = { ok: migrations.current, detail: `${migrations.applied} of ${migrations.shipped} applied` };
  } catch (error) {
    requestLog(request.headers).warn({ err: errorField(error) }, "not ready: database");
    checks.database = { ok: false, detail: "database unavailable" };
  }
  const stale = staleLoops(["push", "scheduled-changes"], LOOP_MAX_AGE_MS, STARTED_AT);
  checks.jobs = { ok: stale.length === 0, ...(stale.length > 0 && { detail: `not turning: ${stale.join(", ")}` }) };
  const ready = Object.values(checks).every((c) => c.ok);
  return NextResponse.json({ ready, checks }, { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
