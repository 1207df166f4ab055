import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { databaseAnswers, migrationState } from "@/lib/db/queries/readiness";
import { jobsAlive } from "@/lib/jobs/runner";
import { errorField, requestLog } from "@/lib/log";

export const dynamic = "force-dynamic";

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
  checks.jobs = jobsAlive();
  const ready = Object.values(checks).every((c) => c.ok);
  return NextResponse.json({ ready, checks }, { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
