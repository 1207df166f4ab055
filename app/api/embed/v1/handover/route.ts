import { hitRateLimit } from "@/lib/db/queries/rate-limits";
import { createHandover } from "@/lib/db/queries/storefront";
import { problem } from "@/lib/shop-api/problem";
import { HANDOVER_VALID_SECONDS, newHandoverToken } from "@/lib/storefront/handover";
import { widgetAction, widgetPreflight } from "@/lib/storefront/widget-route";

export const dynamic = "force-dynamic";

/** "Open my loyalty app": a one-time link that signs this member into the app on this device. */
export function POST(request: Request) {
  return widgetAction(request, async ({ db, visitor, base }) => {
    if (visitor.kind !== "member") return problem(401, "unauthenticated", "Not a member", "opening the app signed in needs the shop's signed identity of a member");
    // Staff sign in by e-mail only (as with the shop's own sign-in): their rights never come from a shop page.
    if (visitor.role !== "member") return problem(403, "forbidden", "Staff sign in by e-mail", "staff accounts are not signed in from the shop's pages");
    const now = new Date();
    const limit = await hitRateLimit(db, `handover:${visitor.memberId}`, { limit: 20, windowSeconds: 600, now });
    if (!limit.allowed) {
      const answer = problem(429, "rate-limited", "Too many sign-in links", "too many sign-in links for this member in a short time; try again shortly");
      answer.headers.set("retry-after", String(limit.retryAfterSeconds));
      return answer;
    }
    const { token, tokenHash } = newHandoverToken();
    await createHandover(db, visitor.memberId, tokenHash, new Date(now.getTime() + HANDOVER_VALID_SECONDS * 1000), now);
    return { url: `${base}/login/handover?token=${token}`, expires_in: HANDOVER_VALID_SECONDS };
  });
}

export const OPTIONS = widgetPreflight;
