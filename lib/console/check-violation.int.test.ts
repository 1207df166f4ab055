// A console write the database refuses by a CHECK (a limit tightened there before the app caught up,
// say during a deploy) is a refusal staff can read in their language, never a 500, and writes nothing.
import { eq, sql } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { expect, it, vi } from "vitest";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import type { MemberSummary } from "../db/queries/members";
import { seedDemo, DEMO_OWNER } from "../db/seed-demo";
import { auditLog, members, rewards } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";

const signedIn = vi.hoisted(() => ({ member: null as MemberSummary | null, locale: "de" as "de" | "en" }));
vi.mock("../auth/session", () => ({ currentMember: async () => signedIn.member }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => signedIn.locale,
  getTranslations: async (namespace: string) => createTranslator({ locale: signedIn.locale, messages: signedIn.locale === "en" ? en : de, namespace: namespace as "console" }),
}));

const { POST: consoleRoute } = await import("../../app/api/console/[action]/route");

async function act(action: string, body: unknown) {
  const response = await consoleRoute(new Request(`https://treue.example/api/console/${action}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }), {
    params: Promise.resolve({ action }),
  });
  return { status: response.status, body: (await response.json()) as { type?: string; detail?: string } };
}

describeEachDatabase("a database refusal of a console write", (db) => {
  it("answers 422 with the catalog's words in the staff member's language and writes nothing", async () => {
    await seedDemo(db(), new Date());
    routesUse(db());
    const [owner] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    signedIn.member = { ...owner!, role: "owner" } as unknown as MemberSummary;
    await db().execute(sql`alter table rewards add constraint rewards_cost_tightened check (points_cost <= 100) not valid`);
    const audits = (await db().select().from(auditLog)).length;
    const reward = { id: "neu-teuer", kind: "amount_off", name: { de: "5 € Rabatt", en: "€5 off" }, description: { de: "Auf alles.", en: "On everything." }, pointsCost: 500, valueCents: 500 };

    signedIn.locale = "de";
    const german = await act("rewards.save", reward);
    expect(german.status).toBe(422);
    expect(german.body.detail).toBe(de.console.errors.outsideLimits);
    signedIn.locale = "en";
    const english = await act("rewards.save", reward);
    expect(english.status).toBe(422);
    expect(english.body.detail).toBe("A value is outside its allowed limits, so nothing was saved. Check your entries and try again.");

    expect(await db().select().from(rewards).where(eq(rewards.id, "neu-teuer"))).toEqual([]);
    expect((await db().select().from(auditLog)).length).toBe(audits);
    expect((await act("rewards.save", { ...reward, pointsCost: 100 })).status).toBe(200);
  });
});
