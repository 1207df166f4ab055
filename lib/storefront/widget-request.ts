// What a widget on the shop's pages sends (lib/storefront/embed-script.js): a small JSON body with
// the storefront identity as the shop printed it, the page's language and, per action, its fields.
// It comes as text/plain, a "simple" cross-origin request, so the shop's visitors pay no CORS
// preflight round trip; the Origin check (request-access.ts) and the identity decide, not cookies.
import { z } from "zod";

/** A widget's body is a few hundred bytes; anything far larger is not from it. */
export const WIDGET_BODY_LIMIT = 8_192;

const attribute = z.string().max(512).nullish();

export const widgetBodySchema = z.object({
  identity: z.object({ customer: attribute, email: attribute, ts: attribute, signature: attribute }).nullish(),
  lang: z.enum(["de", "en"]).catch("de").default("de"),
  reward_id: z.string().max(64).optional(),
  request_id: z.string().max(64).optional(),
});
export type WidgetBody = z.infer<typeof widgetBodySchema>;

export type WidgetBodyResult = { ok: true; body: WidgetBody } | { ok: false; detail: string };

/** The body of a widget request, or why it cannot be one (too large, not JSON, wrong shape). */
export async function readWidgetBody(request: Request): Promise<WidgetBodyResult> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > WIDGET_BODY_LIMIT) return { ok: false, detail: `the body must be at most ${WIDGET_BODY_LIMIT} bytes` };
  const text = await request.text().catch(() => null);
  if (text === null || text.length > WIDGET_BODY_LIMIT) return { ok: false, detail: `the body must be at most ${WIDGET_BODY_LIMIT} bytes` };
  let json: unknown;
  try {
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return { ok: false, detail: "the body must be JSON" };
  }
  const parsed = widgetBodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, detail: `${issue.path.join(".") || "body"}: ${issue.message}` };
  }
  return { ok: true, body: parsed.data };
}
