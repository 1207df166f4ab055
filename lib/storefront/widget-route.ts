// The frame of every widget action (/api/embed/v1/panel, join, redeem, handover): only the shop's
// storefront origins, a widget body, the visitor the identity names; answers never cached (they
// are one shopper's), and a preflight answered for a page that does send one.
import "server-only";
import { getDb, type Database } from "../db";
import { env } from "../env";
import { problem } from "../shop-api/problem";
import { programNotSetUp, storefrontRefused, withStorefrontHeaders, type StorefrontAccess } from "./cors";
import { storefrontRequestAccess } from "./request-access";
import { identifyVisitor, type Visitor } from "./visitor";
import { readWidgetBody, type WidgetBody } from "./widget-request";

export type WidgetContext = { db: Database; body: WidgetBody; visitor: Visitor; origin: string | null; base: string };

/** Runs `action` for a widget's POST; what it returns (null: no program yet) goes back as JSON, never cached. */
export async function widgetAction(request: Request, action: (context: WidgetContext) => Promise<Response | object | null>): Promise<Response> {
  const access = await storefrontRequestAccess(request);
  if (!access.allowed) return withStorefrontHeaders(storefrontRefused(), access);
  const read = await readWidgetBody(request);
  if (!read.ok) return withStorefrontHeaders(problem(400, "invalid-body", "Invalid widget request", read.detail), access);
  const db = await getDb();
  const origin = request.headers.get("origin");
  const visitor = await identifyVisitor(db, read.body.identity, origin);
  // Links into the app point at its public address, whatever the shop's page called.
  const base = (env().publicUrl ?? new URL(request.url).origin).replace(/\/$/, "");
  const answer = await action({ db, body: read.body, visitor, origin, base });
  if (answer === null) return withStorefrontHeaders(programNotSetUp(), access);
  const response = answer instanceof Response ? answer : Response.json(answer);
  response.headers.set("cache-control", "private, no-store");
  return withStorefrontHeaders(response, access);
}

/** A preflight (a page that sends JSON as application/json): allowed for the shop's origins only. */
export async function widgetPreflight(request: Request): Promise<Response> {
  const access: StorefrontAccess = await storefrontRequestAccess(request);
  if (!access.allowed) return withStorefrontHeaders(new Response(null, { status: 403 }), access);
  const response = new Response(null, { status: 204, headers: { "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type", "access-control-max-age": "600" } });
  return withStorefrontHeaders(response, access);
}
