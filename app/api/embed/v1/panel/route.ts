import { guestPanel, memberPanel } from "@/lib/storefront/panel";
import { widgetAction, widgetPreflight } from "@/lib/storefront/widget-route";

export const dynamic = "force-dynamic";

/** The launcher's panel: the program for a guest, Home's figures for an identified member. */
export function POST(request: Request) {
  return widgetAction(request, ({ db, body, visitor, base }) =>
    visitor.kind === "member" ? memberPanel(db, visitor.memberId, body.lang, base) : guestPanel(db, body.lang, base, visitor.kind === "customer"),
  );
}

export const OPTIONS = widgetPreflight;
