import { consoleImageUpload } from "@/lib/console/image-upload";
import { setBrandingLogo } from "@/lib/server/program";

export const dynamic = "force-dynamic";

/** The shop's logo for the app's header, as the raw file body, re-encoded before it is kept. */
export async function POST(request: Request) {
  return consoleImageUpload(request, (db, staff, url) => setBrandingLogo(db, staff, url));
}
