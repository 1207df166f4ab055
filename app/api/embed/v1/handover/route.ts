import { effectiveRole } from "@/lib/loyalty/roles";
import { hitRateLimit } from "@/lib/db/queries/rate-limits";
import { env } from "@/lib/env";
import { createHandover } from "@/lib/db/queries/storefront";
import { problem } from "@/lib/shop-api/problem";
import { HANDOVER_IDENTITY_MAX_AGE_SECONDS, HANDOVER_VALID_SECONDS, newHandoverToken } from "@/lib/storefront/handover";
import { widgetAction, widgetPreflight } from "@/lib/storefront/widget-route";

export const dynamic = "force-dynamic";

/** "Open my loyalty app": a one-time link that signs this member into the app on this device. */
export function POST(request: Request) {
  return widgetAction(request, async ({ db, visitor, base }) => {
    if (visitor.kind !== "member") return problem(401, "unauthenticated", "Not a member", "opening the app signed in needs the shop's signed identity of a member");
    // Staff sign in by e-mail only (as with the shop's own sign-in): their rights never come from a shop page.
    if (effectiveRole(visitor.role, visitor.email, env().ownerEmails) !== "member") return problem(403, "forbidden", "Staff sign in by e-mail", "staff accounts are not signed in from the shop's pages");
    const now = new Date();
    // The identity is good for a day on a page; a session that lasts weeks is made only from a fresh one.
    if (now.getTime() - visitor.signedAt.getTime() > HANDOVER_IDENTITY_MAX_AGE_SECONDS * 1000) {
      return problem(401, "unauthenticated", "Identity too old to sign in", `opening the app signed in needs an identity the shop signed in the last ${HANDOVER_IDENTITY_MAX_AGE_SECONDS / 60} minutes; reload the page`);
    }
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
