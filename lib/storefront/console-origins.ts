import "server-only";
// The console's storefront origins (Console → Storefront): adding and removing one under the
// list's lock, with its audit row; a refusal writes nothing. The SQL is lib/db/queries/storefront-origins.ts.
import type { Database, Tx } from "../db/connect";
import { writeAudit, type AuditActor } from "../db/queries/audit";
import { forgetStorefrontOrigins, lockStorefrontOrigins, storeStorefrontOrigins } from "../db/queries/storefront-origins";
import { ConsoleError } from "../errors";
import { addStorefrontOrigin, MAX_CONSOLE_ORIGINS, storefrontOrigin, type OriginListProblem, type OriginProblem } from "../validations/storefront-origin";

const STATUS: Record<OriginProblem | OriginListProblem, "invalid-input" | "conflict" | "refused"> = {
  empty: "invalid-input",
  tooLong: "invalid-input",
  notAnAddress: "invalid-input",
  scheme: "invalid-input",
  insecure: "invalid-input",
  wildcard: "invalid-input",
  credentials: "invalid-input",
  path: "invalid-input",
  listed: "conflict",
  configured: "conflict",
  full: "refused",
};

/** A refusal in the page's own words (consoleStorefront.errors), about the origin field. */
function originRefusal(problem: OriginProblem | OriginListProblem, entry: string): ConsoleError {
  return new ConsoleError(STATUS[problem], problem, { origin: entry.trim().slice(0, 100), max: MAX_CONSOLE_ORIGINS }, { namespace: "consoleStorefront.errors", pointer: "/origin" });
}

async function store(tx: Tx, actor: AuditActor, before: string[], after: string[], now: Date): Promise<void> {
  await storeStorefrontOrigins(tx, after);
  await writeAudit(tx, actor, "storefront.origins", "storefront:origins", { origins: before }, { origins: after }, now);
}

/**
 * Adds `entry` to the console's list, normalised as browsers send it. Refused, with nothing
 * written, when it is not an origin, is listed already here or by the server's configuration
 * (`configured`), or the list is full.
 */
export async function addConsoleStorefrontOrigin(db: Database, actor: AuditActor, entry: string, configured: readonly string[], now: Date): Promise<string[]> {
  const origins = await db.transaction(async (tx) => {
    const before = await lockStorefrontOrigins(tx);
    const verdict = addStorefrontOrigin(before, configured, entry);
    if (!verdict.ok) throw originRefusal(verdict.problem, entry);
    await store(tx, actor, before, verdict.origins, now);
    return verdict.origins;
  });
  forgetStorefrontOrigins(db);
  return origins;
}

/** Takes `entry` off the console's list; one that is not on it (removed a moment ago) changes nothing. */
export async function removeConsoleStorefrontOrigin(db: Database, actor: AuditActor, entry: string, now: Date): Promise<string[]> {
  const origin = storefrontOrigin(entry) ?? entry.trim();
  const origins = await db.transaction(async (tx) => {
    const before = await lockStorefrontOrigins(tx);
    if (!before.includes(origin)) return before;
    const after = before.filter((o) => o !== origin);
    await store(tx, actor, before, after, now);
    return after;
  });
  forgetStorefrontOrigins(db);
  return origins;
}
