// The erase dialog's refusal of a wrong confirmation address names its field, so the dialog can
// mark, focus and count it; the member stays as they were.
import { and, eq, ne } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { expect, it, vi } from "vitest";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import type { MemberSummary } from "../db/queries/members";
import { seedDemo, DEMO_OWNER } from "../db/seed-demo";
import { members } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";

const signedIn = vi.hoisted(() => ({ member: null as MemberSummary | null, locale: "de" as "de" | "en" }));
vi.mock("../auth/session", () => ({ currentMember: async () => signedIn.member }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => signedIn.locale,
  getTranslations: async (namespace: string) => createTranslator({ locale: signedIn.locale, messages: signedIn.locale === "en" ? en : de, namespace: namespace as "console" }),
}));

const { POST: consoleRoute } = await import("../../app/api/console/[action]/route");

type Problem = { detail?: string; errors?: { pointer: string; detail: string }[] };
async function act(action: string, body: unknown) {
  const response = await consoleRoute(new Request(`https://treue.example/api/console/${action}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }), {
    params: Promise.resolve({ action }),
  });
  return { status: response.status, body: (await response.json()) as Problem };
}

describeEachDatabase("erasing a member with the wrong confirmation address", (db) => {
  it("is refused at /confirmEmail in the staff member's language and erases nothing", async () => {
    await seedDemo(db(), new Date());
    routesUse(db());
    const [owner] = await db().select().from(members).where(eq(members.email, DEMO_OWNER.email));
    signedIn.member = { ...owner!, role: "owner" } as unknown as MemberSummary;
    const [member] = await db().select().from(members).where(and(eq(members.role, "member"), ne(members.email, DEMO_OWNER.email))).limit(1);

    signedIn.locale = "de";
    const german = await act("members.erase", { memberId: member!.id, confirmEmail: "jemand-anderes@example.com" });
    expect(german.status).toBe(422);
    expect(german.body.errors).toEqual([{ pointer: "/confirmEmail", detail: de.console.errors.eraseConfirm }]);
    signedIn.locale = "en";
    const english = await act("members.erase", { memberId: member!.id, confirmEmail: "jemand-anderes@example.com" });
    expect(english.body.errors).toEqual([{ pointer: "/confirmEmail", detail: "To confirm, type the member's e-mail address exactly." }]);

    const [after] = await db().select().from(members).where(eq(members.id, member!.id));
    expect(after).toMatchObject({ email: member!.email, erasedAt: null });
  });
});
