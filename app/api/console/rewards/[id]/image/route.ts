import { getTranslations } from "next-intl/server";
import { consoleProblem, consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { setRewardImage } from "@/lib/db/queries/console-program";
import { storePublicImage } from "@/lib/uploads/public-image";

export const dynamic = "force-dynamic";

/** A reward's picture, as the raw file body (JPEG, PNG or WebP), re-encoded before it is kept. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleRead("program.edit", async (staff) => {
    const db = await getDb();
    const stored = await storePublicImage(request, (url) => setRewardImage(db, staff, id, url));
    if (stored.ok) return { image: stored.url };
    const t = await getTranslations("console.errors");
    return consoleProblem(stored.reason === "too-large" ? 413 : 400, "invalid-image", t("invalidTitle"), t(`image.${stored.reason}`));
  });
}
