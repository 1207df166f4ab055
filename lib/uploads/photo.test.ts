import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DUPLICATE_DISTANCE, hammingDistance } from "../loyalty/photo-similarity";
import { MAX_PHOTO_BYTES, processPhoto } from "./photo";

const GPS_IFD_POINTER = Buffer.from([0x25, 0x88]); // EXIF tag 0x8825, little-endian

/** A photo-like test picture: a gradient with a few shapes, so hashes have something to see. */
async function picture(width: number, height: number, seed = 0) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#1${seed}4"/><stop offset="1" stop-color="#fc${seed}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * (0.3 + seed * 0.1)}" cy="${height / 2}" r="${height / 4}" fill="#fff"/>
    <rect x="${width * 0.6}" y="${height * 0.1}" width="${width / 5}" height="${height / 3}" fill="#000"/></svg>`;
  return sharp(Buffer.from(svg));
}

/** A PNG that declares 100 000 × 100 000 pixels in a few hundred bytes: a decompression bomb. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.alloc(100_001 * 4))), chunk("IEND", Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("processPhoto", () => {
  it("re-encodes a JPEG and drops its EXIF, GPS included", async () => {
    const jpeg = await (await picture(1_200, 900))
      .jpeg()
      .withExif({ IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 8/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "11/1 34/1 0/1" } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif?.includes(GPS_IFD_POINTER)).toBe(true);
    const result = await processPhoto(jpeg);
    if (!result.ok) throw new Error(result.reason);
    const meta = await sharp(result.photo.data).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.exif).toBeUndefined();
    expect(result.photo.data.includes(Buffer.from("TestCam"))).toBe(false);
    expect([result.photo.width, result.photo.height]).toEqual([1_200, 900]);
  });

  it("judges by content: a PNG named .jpg is a PNG, and a big one is scaled down", async () => {
    const png = await (await picture(4_000, 3_000)).png().toBuffer(); // whatever it was called
    const result = await processPhoto(png);
    expect(result.ok && [result.photo.width, result.photo.height]).toEqual([2_048, 1_536]);
  });

  it("refuses text, files over 10 MB and decompression bombs without decoding them", async () => {
    expect(await processPhoto(Buffer.from("Das ist kein Bild, auch wenn die Datei urlaub.jpg heißt."))).toEqual({ ok: false, reason: "not-an-image" });
    expect(await processPhoto(Buffer.alloc(MAX_PHOTO_BYTES + 1))).toEqual({ ok: false, reason: "too-large" });
    expect(await processPhoto(Buffer.alloc(12 * 1024 * 1024, 0xff))).toEqual({ ok: false, reason: "too-large" });
    const bomb = pngBomb();
    expect(bomb.byteLength).toBeLessThan(2_000);
    expect(await processPhoto(bomb)).toEqual({ ok: false, reason: "too-many-pixels" });
  });

  it("refuses formats other than JPEG, PNG and WebP", async () => {
    const gif = await (await picture(200, 100)).gif().toBuffer();
    expect(await processPhoto(gif)).toEqual({ ok: false, reason: "unsupported-format" });
  });

  it("recognises the same photo re-saved and resized, and tells different photos apart", async () => {
    const original = await processPhoto(await (await picture(1_600, 1_200, 1)).jpeg({ quality: 95 }).toBuffer());
    const resaved = await processPhoto(await (await picture(800, 600, 1)).jpeg({ quality: 60 }).toBuffer());
    const other = await processPhoto(await (await picture(1_600, 1_200, 5)).jpeg().toBuffer());
    if (!original.ok || !resaved.ok || !other.ok) throw new Error("not processed");
    expect(hammingDistance(original.photo.hash, resaved.photo.hash)).toBeLessThanOrEqual(DUPLICATE_DISTANCE);
    expect(hammingDistance(other.photo.hash, original.photo.hash)).toBeGreaterThan(DUPLICATE_DISTANCE);
  });
});
