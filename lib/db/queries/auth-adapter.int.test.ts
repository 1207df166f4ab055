import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { members } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { memberAdapter } from "./auth-adapter";

describeEachDatabase("next-auth member adapter", (db) => {
  const adapter = () => memberAdapter(async () => db());

  it("lets a shopper claim the member a shop event created, by e-mail in any case", async () => {
    const [existing] = await db()
      .insert(members)
      .values({ email: "claim@example.com", shopCustomerId: "cust_77", name: "Kai" })
      .returning();

    const found = await adapter().getUserByEmail!("Claim@Example.COM");
    expect(found?.id).toBe(existing!.id);

    // Even if next-auth tries to create the user (a race with the shop event), it gets the same member.
    const created = await adapter().createUser!({ email: "CLAIM@example.com", emailVerified: new Date() } as never);
    expect(created.id).toBe(existing!.id);
    const [row] = await db().select().from(members).where(eq(members.id, existing!.id));
    expect(row?.shopCustomerId).toBe("cust_77");
    expect(row?.emailVerified).not.toBeNull();
    expect(await db().$count(members, eq(members.email, "claim@example.com"))).toBe(1);
  });

  it("answers null for an id that is not a uuid instead of failing", async () => {
    expect(await adapter().getUser!("not-a-uuid")).toBeNull();
  });

  it("finds a member through a linked identity-provider account", async () => {
    const user = await adapter().createUser!({ email: "oidc@example.com", emailVerified: null } as never);
    await adapter().linkAccount!({ userId: user.id, type: "oauth", provider: "shop", providerAccountId: "sub-1" } as never);
    expect((await adapter().getUserByAccount!({ provider: "shop", providerAccountId: "sub-1" }))?.id).toBe(user.id);
    expect(await adapter().getUserByAccount!({ provider: "shop", providerAccountId: "sub-2" })).toBeNull();
  });

  it("honours a magic link once, even when it is opened twice at the same moment", async () => {
    const token = { identifier: "twice@example.com", token: "hashed-token", expires: new Date(Date.now() + 60_000) };
    await adapter().createVerificationToken!(token);
    const results = await Promise.all(Array.from({ length: 5 }, () => adapter().useVerificationToken!(token)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
