// Who is looking at the shop's page, as far as Treue can tell: nobody in particular, or the
// customer the shop's signed identity names (and which member that is). A forged, expired or
// conflicting identity is logged and treated as a guest: the page still works, it just does not
// show anyone's points.
import "server-only";
import type { MemberRole } from "../loyalty/roles";
import type { Database } from "../db";
import { findStorefrontCandidates, joinFromStorefront } from "../db/queries/storefront";
import { log } from "../log";
import { shopSecrets } from "../shop-api/shop-secret";
import { matchStorefrontIdentity, type StorefrontMatch } from "./identity-match";
import { verifyStorefrontIdentity } from "./identity";
import type { WidgetBody } from "./widget-request";

export type Visitor =
  /** `conflict`: the shop's identity was good, but names someone Treue cannot give it (another customer's member, an erased one). */
  | { kind: "guest"; conflict?: true; emailInApp?: true }
  /** The shop vouched for this customer; Treue has no member for them yet ("join" makes one). */
  | { kind: "customer"; customerId: string; email: string; signedAt: Date }
  /** `signedAt`: when the shop signed the identity (the hand-over into the app wants a fresh one). */
  | { kind: "member"; memberId: string; role: MemberRole; customerId: string; email: string; signedAt: Date };

function fromMatch(match: StorefrontMatch, customerId: string, email: string, signedAt: Date, origin: string | null): Visitor {
  if (match.kind === "member") return { kind: "member", memberId: match.memberId, role: match.role, customerId, email, signedAt };
  if (match.kind === "unknown") return { kind: "customer", customerId, email, signedAt };
  // The address is a member's in the app: theirs to connect by signing in there, not the shop's to claim.
  if (match.kind === "email-only") return { kind: "guest", emailInApp: true };
  log.warn({ event: "storefront.identity_conflict", reason: match.reason, customer: customerId, origin }, "storefront identity names a member Treue cannot give it: shown as a guest");
  return { kind: "guest", conflict: true };
}

/** The visitor a widget request speaks for. `origin`: the page's, for the log. */
export async function identifyVisitor(db: Database, identity: WidgetBody["identity"], origin: string | null, now = new Date()): Promise<Visitor> {
  if (!identity) return { kind: "guest" };
  const secrets = await shopSecrets(now, db);
  if (!secrets) {
    log.warn({ event: "storefront.identity_refused", reason: "no-secret", origin }, "a storefront identity came, but no shop secret is set (console or TREUE_SHOP_SECRET): shown as a guest");
    return { kind: "guest" };
  }
  // A page printed just before a rotation still names its customer during the grace period.
  let check = verifyStorefrontIdentity({ secret: secrets.accepted[0]!, customerId: identity.customer, email: identity.email, ts: identity.ts, signature: identity.signature, now });
  for (const secret of secrets.accepted.slice(1)) {
    if (check.ok || check.reason !== "mismatch") break;
    check = verifyStorefrontIdentity({ secret, customerId: identity.customer, email: identity.email, ts: identity.ts, signature: identity.signature, now });
  }
  if (!check.ok) {
    // A page that prints a bad identity is a shop's bug or someone trying: either way worth a line.
    log.warn({ event: "storefront.identity_refused", reason: check.reason, customer: identity.customer?.slice(0, 128) ?? null, origin }, `storefront identity refused (${check.reason}): shown as a guest`);
    return { kind: "guest" };
  }
  const rows = await findStorefrontCandidates(db, check.customerId, check.email);
  return fromMatch(matchStorefrontIdentity(rows, check.customerId, check.email), check.customerId, check.email, new Date(Number(identity.ts) * 1000), origin);
}

/** "Join" for a customer the shop vouched for: the member made (or found) for them. */
export async function joinVisitor(db: Database, visitor: Extract<Visitor, { kind: "customer" }>, origin: string | null): Promise<Visitor> {
  const rows = await joinFromStorefront(db, visitor.customerId, visitor.email);
  return fromMatch(matchStorefrontIdentity(rows, visitor.customerId, visitor.email), visitor.customerId, visitor.email, visitor.signedAt, origin);
}
