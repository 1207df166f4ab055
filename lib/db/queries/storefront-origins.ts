import "server-only";
import { eq } from "drizzle-orm";
import { ConsoleError } from "../../errors";
import { addStorefrontOrigin, MAX_CONSOLE_ORIGINS, storedStorefrontOrigins, storefrontOrigin, type OriginListProblem, type OriginProblem } from "../../storefront/origin";
import type { Database, Tx } from "../connect";
import { appSettings } from "../schema";
import { writeAudit, type AuditActor } from "./audit";

/** The console's storefront origins (Console → Storefront), besides TREUE_STOREFRONT_ORIGINS. */
export const STOREFRONT_ORIGINS_KEY = "storefront_origins";

/**
 * The widget API asks on every request; a change made in the console reaches other instances
 * within this time (this one at once: saving forgets the cached list).
 */
const ORIGINS_TTL_MS = 10_000;
const cache = new WeakMap<Database, { at: number; origins: Promise<string[]> }>();

/** The console's list as stored now. */
export async function readStorefrontOrigins(db: Database | Tx): Promise<string[]> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY));
  return storedStorefrontOrigins(row?.value);
}

/** The console's list, read at most every 10 s per process. */
export function cachedStorefrontOrigins(db: Database, now = Date.now()): Promise<string[]> {
  const hit = cache.get(db);
  if (hit && now - hit.at < ORIGINS_TTL_MS) return hit.origins;
  const origins = readStorefrontOrigins(db);
  cache.set(db, { at: now, origins });
  origins.catch(() => cache.delete(db)); // a failed read is not kept: the next request asks again
  return origins;
}

/** Forgets the cached list, so this process sees a saved change at once. */
export function forgetStorefrontOrigins(db: Database): void {
  cache.delete(db);
}

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

/** The list locked for this transaction (made empty first if it was never saved), so two edits queue. */
async function lockedOrigins(tx: Tx): Promise<string[]> {
  await tx.insert(appSettings).values({ key: STOREFRONT_ORIGINS_KEY, value: [] }).onConflictDoNothing();
  const [row] = await tx.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY)).for("update");
  return storedStorefrontOrigins(row?.value);
}

async function store(tx: Tx, actor: AuditActor, before: string[], after: string[], now: Date): Promise<void> {
  await tx.update(appSettings).set({ value: after }).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY));
  await writeAudit(tx, actor, "storefront.origins", "storefront:origins", { origins: before }, { origins: after }, now);
}

/**
 * Adds `entry` to the console's list, normalised as browsers send it. Refused, with nothing
 * written, when it is not an origin, is listed already here or by the server's configuration
 * (`configured`), or the list is full.
 */
export async function addConsoleStorefrontOrigin(db: Database, actor: AuditActor, entry: string, configured: readonly string[], now: Date): Promise<string[]> {
  const origins = await db.transaction(async (tx) => {
    const before = await lockedOrigins(tx);
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
    const before = await lockedOrigins(tx);
    if (!before.includes(origin)) return before;
    const after = before.filter((o) => o !== origin);
    await store(tx, actor, before, after, now);
    return after;
  });
  forgetStorefrontOrigins(db);
  return origins;
}
