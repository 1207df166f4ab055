const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Postgres rejects a malformed uuid with an error; callers treat it as "not found" instead. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
