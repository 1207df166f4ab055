import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { DEMO_OWNER, seedDemo } from "../../db/seed-demo";
import { members, rewards } from "../../db/schema";
import { describeEachDatabase } from "../../db/test-databases";
import { getProgramSettings, getScheduledChange, listTiers } from "../../db/queries/console-program";
import { applyDueChanges, scheduleChange } from "./scheduled";

describeEachDatabase("scheduled program changes", (db) => {
  const now = new Date("2026-11-22T10:00:00Z");
  const at = new Date(now.getTime() + 86_400_000);

  it("keeps a change scheduled when applying it fails, and applies it on a later run", async () => {
    await seedDemo(db(), now);
    const [m] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    const owner = { id: m!.id, email: m!.email };
    const ladder = (await listTiers(db())).map((t) => ({ ...t, perks: t.perks ?? undefined, benefits: { freeShipping: false, exclusiveRewards: false, earlyAccess: false, ...t.benefits } }));
    // Gold goes, but the demo's active "gold25" reward is gated on it: applying is refused (tierInUse).
    const withoutGold = ladder.filter((t) => t.id !== "gold");
    await scheduleChange(db(), owner, "tiers", { rule: { window: "rolling", graceDays: 30 }, tiers: withoutGold }, at, now);
    const settings = (await getProgramSettings(db()))!;
    await scheduleChange(db(), owner, "settings", { ...settings, name: "Gipfelglück Winter" }, at, now);

    const first = await applyDueChanges(db(), at);
    expect(await getScheduledChange(db(), "tiers")).toMatchObject({ effectiveFrom: at.toISOString() });
    expect((await listTiers(db())).map((t) => t.id)).toContain("gold");
    // The other kind is not held up by the failing one.
    expect(first.applied).toEqual(["settings"]);
    expect(first.failed.map((f) => f.kind)).toEqual(["tiers"]);
    expect(first.failed[0]?.error).toMatchObject({ name: "ConsoleError", key: "tierInUse" });
    expect((await getProgramSettings(db()))?.name).toBe("Gipfelglück Winter");

    // Once the reward no longer needs Gold, the next run applies the waiting change, once.
    await db().update(rewards).set({ minTierId: null }).where(eq(rewards.id, "gold25"));
    expect(await applyDueChanges(db(), at)).toEqual({ applied: ["tiers"], failed: [] });
    expect((await listTiers(db())).map((t) => t.id)).not.toContain("gold");
    expect(await getScheduledChange(db(), "tiers")).toBeNull();
    expect(await applyDueChanges(db(), at)).toEqual({ applied: [], failed: [] });
  });
});
