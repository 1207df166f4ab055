// What a console form's text fields become before the schema checks them. Empty means missing
// (the schema says "please fill this in" or takes the field's default), never 0; a comma is a
// decimal point; anything that is not a number stays NaN, so the schema says "enter a number".

export function numberFromText(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^[+-]?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(",", ".")) : Number.NaN;
}

/** Money typed in whole units ("12,50") as minor units (1250); more than two decimals stay fractional and are refused. */
export function centsFromText(text: string): number | undefined {
  const n = numberFromText(text);
  if (n === undefined || Number.isNaN(n)) return n;
  const cents = n * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6 ? Math.round(cents) : cents;
}

/** A number to show in a preview, or null when it is not one a person could have meant (empty, broken, out of range). */
export function previewable(n: number | null | undefined, { min, max }: { min: number; max: number }): number | null {
  return n === null || n === undefined || !Number.isFinite(n) || n < min || n > max ? null : n;
}
