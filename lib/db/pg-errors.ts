// What a PostgreSQL error means, as node-postgres reports it (a driver or drizzle may wrap it in `cause`).

/** A unique key was taken: by a row another transaction committed while this statement ran, usually. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === "23505") return true;
  return false;
}

/** A CHECK constraint refused the row (a value past a field's limit): the constraint's name, else null. */
export function checkViolation(error: unknown): string | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23514") return (e as { constraint?: string }).constraint ?? "";
  }
  return null;
}

/**
 * PostgreSQL broke a lock cycle by aborting this statement (and its transaction): nothing it
 * wrote was kept, so work that is safe to repeat can simply run again.
 */
export function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === "40P01") return true;
  return false;
}
