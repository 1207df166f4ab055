import "server-only";
import { getTranslations } from "next-intl/server";
import { getDb } from "../db";
import type { Database } from "../db/connect";
import { problem } from "../shop-api/problem";
import { storePublicImage } from "../uploads/public-image";
import type { StaffMember } from "./action";
import { consoleRead } from "./dispatch";

/**
 * A console upload of a public picture (a reward's, the shop's logo): program editors only, the raw
 * body judged and re-encoded, `attach` records the new address; a refused file is a 400/413 in the
 * staff member's language.
 */
export function consoleImageUpload(request: Request, attach: (db: Database, staff: StaffMember, url: string) => Promise<{ previous: string | null }>): Promise<Response> {
  return consoleRead("program.edit", async (staff) => {
    const db = await getDb();
    const stored = await storePublicImage(request, (url) => attach(db, staff, url));
    if (stored.ok) return { image: stored.url };
    const t = await getTranslations("console.errors");
    return problem(stored.reason === "too-large" ? 413 : 400, "invalid-image", t("invalidTitle"), t(`image.${stored.reason}`));
  });
}
