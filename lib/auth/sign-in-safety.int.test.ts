// Who may stay or become signed in: the shop's sign-in (OIDC) only for addresses it verified and
// never for staff; an erased member's session admits no one.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { members } from "../db/schema";
import { describeEachDatabase } from "../db/test-databases";
import { memberAdapter } from "../db/queries/auth-adapter";
import { getMemberSummary, memberMaySignIn } from "../db/queries/members";
import { eraseMember } from "../server/privacy";
import { checkOidcSignIn } from "./oidc-sign-in";

describeEachDatabase("sign-in safety", (db) => {
  const owners = ["chefin@shop.example"];
  const adapter = () => memberAdapter(async () => db());
  let n = 0;
  const sub = () => `sub-${++n}`;

  it("links the shop's account to the member its orders made only when the shop verified the address", async () => {
    await db().insert(members).values({ email: "kunde@example.com", shopCustomerId: "c-1", pointsBalance: 0 });
    const attempt = (emailVerified: unknown) => checkOidcSignIn(db(), { provider: "shop", providerAccountId: sub(), email: "kunde@example.com", emailVerified }, owners);
    expect(await attempt(undefined)).toBe("OidcUnverified");
    expect(await attempt(false)).toBe("OidcUnverified");
    expect(await attempt("false")).toBe("OidcUnverified");
    expect(await attempt(true)).toBeNull();
    expect(await attempt("true")).toBeNull();
  });

  it("does not make a new member from an unverified address either (the shop's later orders would land there)", async () => {
    expect(await checkOidcSignIn(db(), { provider: "shop", providerAccountId: sub(), email: "neu@example.com", emailVerified: false }, owners)).toBe("OidcUnverified");
    expect(await checkOidcSignIn(db(), { provider: "shop", providerAccountId: sub(), email: null, emailVerified: true }, owners)).toBe("OidcUnverified");
  });

  it("never signs staff in through the shop's account: not by linking, not through an earlier link, not as a listed owner", async () => {
    await db().insert(members).values({ email: "support@shop.example", role: "support" });
    const verified = (email: string, providerAccountId = sub()) => checkOidcSignIn(db(), { provider: "shop", providerAccountId, email, emailVerified: true }, owners);
    expect(await verified("support@shop.example")).toBe("OidcStaff");
    // The owner named in TREUE_OWNER_EMAILS, before and after they have a member row.
    expect(await verified("chefin@shop.example")).toBe("OidcStaff");
    await db().insert(members).values({ email: "chefin@shop.example" });
    expect(await verified("Chefin@Shop.example")).toBe("OidcStaff");
    // A shopper linked earlier and made staff since: their shop account no longer opens a session.
    const shopper = await adapter().createUser!({ email: "bald-team@example.com", emailVerified: null } as never);
    const linkedSub = sub();
    await adapter().linkAccount!({ userId: shopper.id, type: "oauth", provider: "shop", providerAccountId: linkedSub } as never);
    expect(await verified("bald-team@example.com", linkedSub)).toBeNull();
    await db().update(members).set({ role: "moderator" }).where(eq(members.id, shopper.id));
    expect(await verified("anders@example.com", linkedSub)).toBe("OidcStaff");
  });

  it("an account linked earlier signs in only while the shop vouches for its address (a link made unverified before is no proof)", async () => {
    const shopper = await adapter().createUser!({ email: "treu@example.com", emailVerified: new Date() } as never);
    const linkedSub = sub();
    await adapter().linkAccount!({ userId: shopper.id, type: "oauth", provider: "shop", providerAccountId: linkedSub } as never);
    const attempt = (emailVerified: unknown) => checkOidcSignIn(db(), { provider: "shop", providerAccountId: linkedSub, email: "treu@example.com", emailVerified }, owners);
    expect(await attempt(true)).toBeNull();
    expect(await attempt(false)).toBe("OidcUnverified");
  });

  it("an erased member's session admits no one from that moment", async () => {
    const [owner] = await db().insert(members).values({ email: "owner@shop.example", role: "owner" }).returning();
    const [shopper] = await db().insert(members).values({ email: "weg@example.com" }).returning();
    expect(await memberMaySignIn(db(), shopper!.id)).toBe(true);
    expect(await getMemberSummary(db(), shopper!.id)).not.toBeNull();
    await eraseMember(db(), { id: owner!.id, email: owner!.email }, shopper!.id, "weg@example.com");
    expect(await memberMaySignIn(db(), shopper!.id)).toBe(false);
    expect(await getMemberSummary(db(), shopper!.id)).toBeNull();
    expect(await memberMaySignIn(db(), "not-a-uuid")).toBe(false);
    expect(await memberMaySignIn(db(), crypto.randomUUID())).toBe(false);
  });
});
