// Duplicate photo detection on difference hashes (lib/uploads/photo.ts makes them): two photos
// are the same picture when their 64-bit hashes differ in at most this many bits (re-saved,
// resized, lightly cropped). The comparison itself runs in the database, over every earlier photo
// (lib/db/queries/tasks.ts), so a submission never loads them all.
export const DUPLICATE_DISTANCE = 6;

/** Differing bits between two 64-bit hashes given as 16 hex digits (what the database's bit_count of XOR computes). */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}
