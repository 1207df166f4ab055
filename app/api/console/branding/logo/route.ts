import { getTranslations } from "next-intl/server";
import { consoleProblem, consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { setBrandingLogo } from "@/lib/db/queries/console-program";
import { storePublicImage } from "@/lib/uploads/public-image";

export const dynamic = "force-dynamic";

/** The shop's logo for the app's header, as the raw file body, re-encoded before it is kept. */
export async function POST(request: Request) {
  return consoleRead("program.edit", async (staff) => {
    const db = await getDb();
    const stored = await storePublicImage(request, (url) => setBrandingLogo(db, staff, url));
    if (stored.ok) return { image: stored.url };
    const t = await getTranslations("console.errors");
    return consoleProblem(stored.reason === "too-large" ? 413 : 400, "invalid-image", t("invalidTitle"), t(`image.${stored.reason}`));
  });
}
