import { problem } from "@/lib/shop-api/problem";
import { memberPanel } from "@/lib/storefront/panel";
import { joinVisitor } from "@/lib/storefront/visitor";
import { widgetAction, widgetPreflight } from "@/lib/storefront/widget-route";

export const dynamic = "force-dynamic";

/** "Join" for a customer the shop vouched for: the member is made, and the panel answers as theirs. */
export function POST(request: Request) {
  return widgetAction(request, async ({ db, body, visitor, origin, base }) => {
    if (visitor.kind === "guest" && visitor.emailInApp) return problem(409, "conflict", "Already a member", "this e-mail address is already a member's: sign in to the app with it to connect the shop account");
    if (visitor.kind === "guest" && visitor.conflict) return problem(409, "conflict", "Cannot join", "this shop account cannot be joined from here; sign up in the app instead");
    if (visitor.kind === "guest") return problem(401, "unauthenticated", "Not signed in at the shop", "joining from the shop's pages needs the shop's signed identity; sign up in the app instead");
    const joined = visitor.kind === "member" ? visitor : await joinVisitor(db, visitor, origin);
    if (joined.kind !== "member") return problem(409, "conflict", "Cannot join", "this shop account cannot be joined from here; sign up in the app instead");
    return memberPanel(db, joined.memberId, body.lang, base);
  });
}

export const OPTIONS = widgetPreflight;
