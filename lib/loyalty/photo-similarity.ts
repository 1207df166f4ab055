// Duplicate photo detection on difference hashes. Pure.

/** Differing bits between two 64-bit hashes given as 16 hex digits. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

/** Close enough to be the same picture (re-saved, resized, lightly cropped). */
export const DUPLICATE_DISTANCE = 6;

export function isDuplicatePhoto(hash: string, known: readonly string[]): boolean {
  return known.some((other) => hammingDistance(hash, other) <= DUPLICATE_DISTANCE);
}
