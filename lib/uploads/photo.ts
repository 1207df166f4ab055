import "server-only";
import sharp from "sharp";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** 40 megapixels: more than any phone camera; a file declaring more is a decompression bomb. */
export const MAX_PHOTO_PIXELS = 40_000_000;
const MAX_EDGE = 2_048;
const ACCEPTED = new Set(["jpeg", "png", "webp"]);

export type PhotoRefusal = "too-large" | "not-an-image" | "unsupported-format" | "too-many-pixels";
export type ProcessedPhoto = { data: Buffer; contentType: "image/webp"; width: number; height: number; hash: string };

/**
 * Turns an uploaded file into a photo we are willing to store: decided by its content, never its
 * name; refused before decoding when it declares too many pixels; re-encoded (which also drops
 * EXIF, GPS and anything hidden in the file), turned upright and scaled to at most 2048 px.
 */
export async function processPhoto(input: Buffer): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; reason: PhotoRefusal }> {
  if (input.byteLength > MAX_PHOTO_BYTES) return { ok: false, reason: "too-large" };
  let format: string | undefined;
  let pixels: number;
  try {
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    return { ok: false, reason: "not-an-image" };
  }
  if (!format || !ACCEPTED.has(format)) return { ok: false, reason: format ? "unsupported-format" : "not-an-image" };
  if (pixels > MAX_PHOTO_PIXELS) return { ok: false, reason: "too-many-pixels" };
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "error" })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, photo: { data, contentType: "image/webp", width: info.width, height: info.height, hash: await differenceHash(data) } };
  } catch {
    return { ok: false, reason: "not-an-image" }; // truncated or corrupt beyond its header
  }
}

/**
 * A 64-bit difference hash (hex): neighbouring brightness steps of a 9×8 thumbnail. Survives
 * re-encoding and resizing, so the same photo uploaded twice is recognised.
 */
export async function differenceHash(image: Buffer): Promise<string> {
  const pixels = await sharp(image).greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
  let bits = 0n;
  for (let row = 0; row < 8; row++) {
    for (let col = 0; col < 8; col++) bits = (bits << 1n) | (pixels[row * 9 + col]! > pixels[row * 9 + col + 1]! ? 1n : 0n);
  }
  return bits.toString(16).padStart(16, "0");
}
