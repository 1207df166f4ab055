// The console's API refuses bad form input with the words the form shows: every field's message
// from the catalogs in the staff member's language, limits in the field's unit (money in the
// program's currency), a counted summary, never the validation library's text, nothing written.
import { eq } from "drizzle-orm";
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
  return { status: response.status, body: (await response.json()) as { detail?: string; errors?: { pointer: string; detail: string }[] } };
}

const RAW = /expected|Too (small|big)|Invalid|9007199254740991|i18n:/;

describeEachDatabase("console form validation on the server", (db) => {
  it("answers in the staff member's language with the field's own limit and unit, and writes nothing", async () => {
    await seedDemo(db(), new Date());
    routesUse(db());
    const [owner] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    signedIn.member = { ...owner!, role: "owner" } as unknown as MemberSummary;
    const auditsBefore = (await db().select().from(auditLog)).length;

    signedIn.locale = "de";
    const adjust = { memberId: owner!.id, points: 1e20, reason: "x", requestId: crypto.randomUUID() };
    expect(await act("members.adjust", adjust)).toEqual({
      status: 400,
      body: expect.objectContaining({
        detail: "2 Eingaben brauchen deine Aufmerksamkeit.",
        errors: [
          { pointer: "/points", detail: "Höchstens 1.000.000 Punkte." },
          { pointer: "/reason", detail: "Bitte gib einen Grund mit mindestens 3 Zeichen an." },
        ],
      }),
    });
    signedIn.locale = "en";
    expect((await act("members.adjust", adjust)).body.errors).toEqual([
      { pointer: "/points", detail: "At most 1,000,000 points." },
      { pointer: "/reason", detail: "Please give a reason of at least 3 characters." },
    ]);

    const reward = { id: "zu-teuer", kind: "amount_off", name: { de: "", en: "Too much" }, description: { de: "x", en: "x" }, pointsCost: -5, valueCents: 1e12 };
    const refused = await act("rewards.save", reward);
    expect(refused.status).toBe(400);
    expect(Object.fromEntries(refused.body.errors!.map((e) => [e.pointer, e.detail]))).toEqual({
      "/name/de": "Please fill this in.",
      "/pointsCost": "At least 1 point.",
      "/valueCents": "At most €10,000.00.",
    });
    signedIn.locale = "de";
    const garbage = await act("program.settings", { name: 5, referralRule: { referrerPoints: "viele" }, pointValueMilliCents: null, branding: { shopUrl: "ftp://x" } });
    expect(garbage.status).toBe(400);
    for (const e of garbage.body.errors!) expect(e.detail).not.toMatch(RAW);

    expect(await db().select().from(rewards).where(eq(rewards.id, "zu-teuer"))).toEqual([]);
    expect((await db().select().from(auditLog)).length).toBe(auditsBefore);
  });
});
