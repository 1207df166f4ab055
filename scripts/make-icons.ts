// Renders the app icons from the Treue mark (components/ui/icons.tsx) into public/icons.
// Run after changing the mark: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
import path from "node:path";
import sharp from "sharp";

const BRAND = "#136441";
const GOLD = "#fbc53d";
const out = path.resolve(import.meta.dirname, "../public/icons");

/** The mark on a 32-unit grid; `inset` shrinks it into the maskable safe zone (80 % circle). */
function mark(size: number, { rounded, inset }: { rounded: boolean; inset: number }) {
  const scale = (1 - 2 * inset) * (size / 32);
  const offset = inset * size;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${rounded ? (9 / 32) * size : 0}" fill="${BRAND}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="m5 23 7.5-10 4.5 6 3-4 7 8z" fill="${GOLD}"/>
    <circle cx="22.5" cy="9.5" r="2.5" fill="#fff"/>
  </g></svg>`);
}

async function main() {
  const jobs = [
    { file: "icon-192.png", size: 192, rounded: true, inset: 0 },
    { file: "icon-512.png", size: 512, rounded: true, inset: 0 },
    { file: "maskable-512.png", size: 512, rounded: false, inset: 0.12 },
    { file: "maskable-192.png", size: 192, rounded: false, inset: 0.12 },
    { file: "apple-touch-icon.png", size: 180, rounded: false, inset: 0.08 },
    { file: "badge-96.png", size: 96, rounded: true, inset: 0 },
  ];
  for (const job of jobs) await sharp(mark(job.size, job)).png({ compressionLevel: 9 }).toFile(path.join(out, job.file));
  console.log(`wrote ${jobs.length} icons to public/icons`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
