// What a PostgreSQL error means, as node-postgres reports it (a driver or drizzle may wrap it in `cause`).

type PgError = { code?: string; constraint?: string };

/** The first error along the `cause` chain with this SQLSTATE, or null. */
function withCode(error: unknown, code: string): PgError | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as PgError).code === code) return e as PgError;
  return null;
}

/** A unique key was taken: by a row another transaction committed while this statement ran, usually. */
export function isUniqueViolation(error: unknown): boolean {
  return withCode(error, "23505") !== null;
}

/** A CHECK constraint refused the row (a value past a field's limit): the constraint's name, else null. */
export function checkViolation(error: unknown): string | null {
  const found = withCode(error, "23514");
  return found ? (found.constraint ?? "") : null;
}

/**
 * PostgreSQL broke a lock cycle by aborting this statement (and its transaction): nothing it
 * wrote was kept, so work that is safe to repeat can simply run again.
 */
export function isDeadlock(error: unknown): boolean {
  return withCode(error, "40P01") !== null;
}
