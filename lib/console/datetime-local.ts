// <input type="datetime-local"> speaks the browser's own zone without an offset; the server wants
// absolute times. These two convert between them (in the browser, where the zone is the user's).

/** An absolute time as the input's "YYYY-MM-DDTHH:mm" in the browser's zone; "" for none. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The input's value as an absolute ISO time; null when empty. */
export function localInputToIso(local: string): string | null {
  return local ? new Date(local).toISOString() : null;
}
