// TREUE_SHOP_SECRET set: it is the shop API's one secret. A secret the console stored earlier (or
// on another instance without the variable) neither verifies nor signs, and the console cannot
// set one.
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { POST as eventsRoute } from "../../app/api/v1/events/route";
import type { StaffMember } from "../console/action";
import { consoleActions } from "../console/actions";
import { storeShopApiSecret } from "./secret-store";
import { auditLog, members, shopApiSecret } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { env } from "../env";
import { ConsoleError } from "../errors";
import { warnOfOutrankedShopSecret } from "../server-start";
import { shopSecrets } from "./shop-secret";
import { signRequest } from "./signature";

const ENV_SECRET = "configured-shop-secret";
process.env.TREUE_SHOP_SECRET = ENV_SECRET;
process.env.TREUE_ENCRYPTION_KEY = "shop-secret-env-test-key-shop-secret-env";

function post(secret: string, id: string) {
  const body = JSON.stringify({ id, type: "test", occurred_at: "2026-11-20T10:15:00Z" });
  const headers = { ...signRequest(secret, { method: "POST", url: "/api/v1/events", body }), "content-type": "application/json" };
  return eventsRoute(new NextRequest("http://treue.test/api/v1/events", { method: "POST", headers, body }));
}

describeEachDatabase("the shop API's secret from the configuration", (db) => {
  it("wins over a stored one, and the console cannot change it", async () => {
    routesUse(db());
    const [owner] = await db().insert(members).values({ email: "owner@example.com", role: "owner" }).returning({ id: members.id, email: members.email });
    await storeShopApiSecret(db(), owner!, "stored-before-the-variable-was-set-0123", process.env.TREUE_ENCRYPTION_KEY!, new Date(), null);

    expect(await shopSecrets()).toEqual({ source: "env", signing: ENV_SECRET, accepted: [ENV_SECRET] });
    expect((await post(ENV_SECRET, "evt-env")).status).toBe(200);
    expect((await post("stored-before-the-variable-was-set-0123", "evt-stored")).status).toBe(401);

    const staff = { ...owner!, name: null, locale: null, role: "owner", pointsBalance: 0 } as StaffMember;
    const attempt = consoleActions["shop-api.secret"].run({ db: db(), staff, now: new Date() }, { secret: undefined, endPrevious: false });
    await expect(attempt).rejects.toBeInstanceOf(ConsoleError);
    await expect(attempt).rejects.toMatchObject({ code: "refused", key: "shopSecretFromEnv" });
    expect((await db().select().from(shopApiSecret)).map((r) => r.secretHint)).toEqual(["0123"]); // unchanged
  });

  it("warns at startup of the outranked stored secret, and the console deletes it (audited)", async () => {
    routesUse(db());
    const [owner] = await db().select({ id: members.id, email: members.email }).from(members).where(eq(members.email, "owner@example.com"));
    expect(await warnOfOutrankedShopSecret(db(), env())).toBe(true);
    const staff = { ...owner!, name: "Owner", locale: null, role: "owner", pointsBalance: 0 } as StaffMember;
    const now = new Date();
    expect(await consoleActions["shop-api.secret-delete"].run({ db: db(), staff, now }, {})).toEqual({ deleted: true });
    expect(await db().select().from(shopApiSecret)).toEqual([]);
    expect((await db().select().from(auditLog).where(eq(auditLog.action, "shop-api.secret-deleted"))).map((a) => a.before)).toEqual([{ hint: "…0123" }]);
    expect(await warnOfOutrankedShopSecret(db(), env())).toBe(false);
    // Removing the variable now leaves the shop API closed rather than opened with a forgotten secret.
    expect(await consoleActions["shop-api.secret-delete"].run({ db: db(), staff, now }, {})).toEqual({ deleted: false });
    expect((await shopSecrets())!.source).toBe("env");
  });
});
