// /embed/panel.js: the launcher's panel, an ES module embed.js imports on the first tap
// (lib/storefront/embed-panel.js, served as written).
import panel from "@/lib/storefront/embed-panel.js?raw";

export const dynamic = "force-dynamic";

export function GET() {
  return new Response(panel, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      // A module from another origin is fetched with CORS: the shop's page must be allowed to read it.
      "access-control-allow-origin": "*",
    },
  });
}
