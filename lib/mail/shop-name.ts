import type { Database } from "../db/connect";
import { getProgramFace } from "../db/queries/program";

/**
 * The name a mail goes out under: the shop's name from its branding, else the program's, else
 * `fallback` (before the set-up wizard ran there is neither).
 */
export async function mailShopName(db: Database, fallback = "Treue"): Promise<string> {
  const face = await getProgramFace(db);
  return face?.branding.shopName || face?.name || fallback;
}
