import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { members, rewards, programs } from "../schema";
import { describeEachDatabase } from "../test-databases";
import { listAudit, nameAuditRows, writeAudit } from "./audit";
import { adjustPoints } from "../../server/members";

describeEachDatabase("audit log names", (db) => {
  it("names who acted and what changed as they are now, and an erased member as gone", async () => {
    const now = new Date("2026-11-22T10:00:00Z");
    await db().insert(programs).values({ id: "default", name: "Radhaus" });
    const [owner, ben, gone] = await db()
      .insert(members)
      .values([
        { email: "anna@example.com", name: "Anna Owner", role: "owner" },
        { email: "ben@example.com", name: "Ben" },
        { email: "weg@example.com", name: "Weg" },
      ])
      .returning({ id: members.id, email: members.email });
    await db().insert(rewards).values({ id: "eur5", programId: "default", kind: "free_shipping", name: { de: "5 € Rabatt", en: "€5 off" }, description: { de: "", en: "" }, pointsCost: 500 });
    await adjustPoints(db(), owner!, { memberId: ben!.id, points: 50, reason: "Kulanz", requestId: crypto.randomUUID() }, now);
    await writeAudit(db(), owner!, "reward.update", "reward:eur5", null, null, now);
    await writeAudit(db(), owner!, "member.export", `member:${gone!.id}`, null, null, now);
    await writeAudit(db(), { id: null, email: "shopify" }, "privacy.data-request", `member:${ben!.id}`, null, null, now);
    await db().update(members).set({ erasedAt: now, name: null }).where(eq(members.id, gone!.id));

    const entries = await nameAuditRows(db(), await listAudit(db(), {}));
    const by = (action: string) => entries.find((e) => e.action === action)!;
    expect(by("member.adjust")).toMatchObject({ actorName: "Anna Owner", subject: "Ben", subjectGone: false, after: { points: 50, reason: "Kulanz" } });
    expect(by("reward.update")).toMatchObject({ subject: { de: "5 € Rabatt", en: "€5 off" } });
    expect(by("member.export")).toMatchObject({ subject: null, subjectGone: true });
    expect(by("privacy.data-request")).toMatchObject({ actorName: "shopify", subject: "Ben" });
  });
});
