// embed.js: the one script a shop puts on its own pages (lib/storefront/embed-script.js, served as written).
// "?raw": the file's text, untouched by the build (next.config.js).
import script from "@/lib/storefront/embed-script.js?raw";

export const dynamic = "force-dynamic";

export function GET() {
  return new Response(script, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      // Five minutes: a new release reaches the shop's pages soon, without the shop changing its tag.
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
