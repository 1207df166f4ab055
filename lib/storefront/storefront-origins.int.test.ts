// Console → Storefront's list of origins: saved through the console's action (role checked, input
// judged by the one origin rule, refusals worded in the staff member's language and naming the
// field, nothing written on bad input, every change in the audit log), and honoured by the widget
// API at once in this process, within 10 s in others, together with TREUE_STOREFRONT_ORIGINS and
// Treue's own pages (the console's preview).
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { createTranslator } from "use-intl/core";
import { afterEach, expect, it, vi } from "vitest";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import type { MemberSummary } from "../db/queries/members";
import { seedDemo, DEMO_OWNER, DEMO_STAFF } from "../db/seed-demo";
import { appSettings, auditLog, members } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";

const CONFIGURED = "https://config.shop.example";
process.env.TREUE_STOREFRONT_ORIGINS = CONFIGURED;
process.env.NEXTAUTH_URL = "https://treue.example";

// The dispatcher reads the session and the staff member's language from the request: here, from these.
const signedIn = vi.hoisted(() => ({ member: null as MemberSummary | null, locale: "de" as "de" | "en" }));
vi.mock("../auth/session", () => ({ currentMember: async () => signedIn.member }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => signedIn.locale,
  getTranslations: async (namespace: string) => createTranslator({ locale: signedIn.locale, messages: signedIn.locale === "en" ? en : de, namespace: namespace as "console" }),
}));

const { POST: consoleRoute } = await import("../../app/api/console/[action]/route");
const { GET: pointsRoute } = await import("../../app/api/embed/v1/points/route");
const { GET: previewRoute } = await import("../../app/storefront-preview/route");
const { allowedStorefrontOrigins, storefrontRequestAccess } = await import("./request-access");
const { readStorefrontOrigins, STOREFRONT_ORIGINS_KEY } = await import("../db/queries/storefront-origins");

async function act(action: string, body: unknown) {
  const response = await consoleRoute(new Request(`https://treue.example/api/console/${action}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }), {
    params: Promise.resolve({ action }),
  });
  return { status: response.status, body: (await response.json()) as { result?: { origins: string[] }; detail?: string; type?: string; errors?: { pointer: string; detail: string }[] } };
}

const fromPage = (origin: string | null, url = "https://treue.example/api/embed/v1/points?price=11900&currency=EUR") => new NextRequest(url, { headers: origin === null ? {} : { origin } });

afterEach(() => {
  vi.restoreAllMocks();
});

describeEachDatabase("storefront origins in the console", (db) => {
  const now = new Date();
  const staff = async (email: string, role: MemberSummary["role"]) => {
    const [m] = await db().select().from(members).where(eq(members.email, email));
    return { id: m!.id, email: m!.email, name: m!.name, locale: null, role, pointsBalance: 0, pointsDebt: 0, tierCelebratedId: null } as unknown as MemberSummary;
  };
  const audits = () => db().select().from(auditLog).where(eq(auditLog.action, "storefront.origins"));

  it("saves an owner's origin as browsers send it, audited, and the widget API answers that shop's pages at once", async () => {
    await seedDemo(db(), now);
    routesUse(db());
    signedIn.member = await staff(DEMO_OWNER.email, "owner");
    signedIn.locale = "de";
    expect(await allowedStorefrontOrigins()).toEqual([CONFIGURED]);
    // Read once before the save: the cached list must not hide the change from this process.
    expect((await storefrontRequestAccess(fromPage("https://www.gipfel.example"))).allowed).toBe(false);

    expect(await act("storefront.add-origin", { origin: " HTTPS://WWW.Gipfel.example:443/ " })).toEqual({ status: 200, body: { ok: true, result: { origins: ["https://www.gipfel.example"] } } });
    expect(await readStorefrontOrigins(db())).toEqual(["https://www.gipfel.example"]);
    const [audit] = await audits();
    expect(audit).toMatchObject({ actorEmail: DEMO_OWNER.email, target: "storefront:origins", before: { origins: [] }, after: { origins: ["https://www.gipfel.example"] } });

    const access = await storefrontRequestAccess(fromPage("https://www.gipfel.example"));
    expect(access).toEqual({ allowed: true, headers: { vary: "Origin", "access-control-allow-origin": "https://www.gipfel.example" } });
    const answer = await pointsRoute(fromPage("https://www.gipfel.example"));
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("https://www.gipfel.example");
    expect(await answer.json()).toMatchObject({ points: 119 });
    // The server's configuration still counts, and a page of another site still does not.
    expect(await allowedStorefrontOrigins()).toEqual([CONFIGURED, "https://www.gipfel.example"]);
    expect((await storefrontRequestAccess(fromPage(CONFIGURED))).allowed).toBe(true);
    for (const other of ["https://gipfel.example", "http://www.gipfel.example", "https://www.gipfel.example:8443", "null"]) {
      expect((await storefrontRequestAccess(fromPage(other))).allowed, other).toBe(false);
    }
  });

  it("refuses what is not an origin with the form's own words, in the staff member's language, on the field, and writes nothing", async () => {
    routesUse(db());
    signedIn.member = await staff(DEMO_OWNER.email, "owner");
    const before = await audits();
    const cases: [string, string, string][] = [
      ["http://shop.example", "de", "„http://shop.example“ ist unverschlüsselt (http). Erlaubt ist https://; http nur für localhost, 127.0.0.1 oder [::1]."],
      ["https://shop.example/produkte/zelt", "de", "„https://shop.example/produkte/zelt“ enthält mehr als Schema und Host (einen Pfad, ? oder #). Trage nur den Anfang ein, z. B. https://www.mein-shop.de."],
      ["shop.example", "en", "“shop.example” is not a complete address. Write it with https:// in front, e.g. https://www.my-shop.com."],
      ["https://*.shop.example", "en", "“https://*.shop.example” contains a wildcard (*). Add each address on its own, e.g. https://my-shop.com and https://www.my-shop.com."],
      ["", "de", "Bitte gib die Adresse deines Shops ein, z. B. https://www.mein-shop.de."],
    ];
    for (const [origin, locale, detail] of cases) {
      signedIn.locale = locale as "de" | "en";
      const answer = await act("storefront.add-origin", { origin });
      expect(answer, origin).toEqual({ status: 400, body: expect.objectContaining({ type: "urn:treue:problem:invalid-input", detail, errors: [{ pointer: "/origin", detail }] }) });
    }
    signedIn.locale = "de";
    // Listed already (in another spelling), or by the server's configuration: a conflict, named.
    expect(await act("storefront.add-origin", { origin: "https://www.gipfel.example/" })).toMatchObject({ status: 409, body: { detail: "„https://www.gipfel.example/“ steht schon in der Liste.", errors: [{ pointer: "/origin" }] } });
    expect(await act("storefront.add-origin", { origin: CONFIGURED })).toMatchObject({ status: 409, body: { detail: `„${CONFIGURED}“ ist schon durch die Server-Konfiguration erlaubt.` } });
    // Not even a string, or far too long: the schema's refusal, no 500.
    expect((await act("storefront.add-origin", { origin: 42 })).status).toBe(400);
    expect((await act("storefront.add-origin", { origin: `https://${"a".repeat(3000)}.example` })).status).toBe(400);
    expect((await act("storefront.add-origin", {})).status).toBe(400);

    expect(await readStorefrontOrigins(db())).toEqual(["https://www.gipfel.example"]);
    expect(await audits()).toHaveLength(before.length);
  });

  it("lets only roles that may change the program's settings edit the list", async () => {
    routesUse(db());
    signedIn.member = await staff(DEMO_STAFF.email, "moderator");
    expect((await act("storefront.add-origin", { origin: "https://evil.example" })).status).toBe(403);
    expect((await act("storefront.remove-origin", { origin: "https://www.gipfel.example" })).status).toBe(403);
    signedIn.member = await staff(DEMO_STAFF.email, "support");
    expect((await act("storefront.add-origin", { origin: "https://evil.example" })).status).toBe(403);
    signedIn.member = null;
    expect((await act("storefront.add-origin", { origin: "https://evil.example" })).status).toBe(401);
    signedIn.member = await staff(DEMO_STAFF.email, "admin");
    expect(await act("storefront.add-origin", { origin: "https://shop.example" })).toMatchObject({ status: 200, body: { result: { origins: ["https://www.gipfel.example", "https://shop.example"] } } });
    expect(await readStorefrontOrigins(db())).toEqual(["https://www.gipfel.example", "https://shop.example"]);
  });

  it("removes an origin, audited, and the widget API refuses its pages at once; removing it again changes nothing", async () => {
    routesUse(db());
    signedIn.member = await staff(DEMO_OWNER.email, "owner");
    expect((await storefrontRequestAccess(fromPage("https://shop.example"))).allowed).toBe(true);
    expect(await act("storefront.remove-origin", { origin: "https://Shop.example/" })).toMatchObject({ status: 200, body: { result: { origins: ["https://www.gipfel.example"] } } });
    expect((await storefrontRequestAccess(fromPage("https://shop.example"))).allowed).toBe(false);
    const count = (await audits()).length;
    expect(await act("storefront.remove-origin", { origin: "https://shop.example" })).toMatchObject({ status: 200, body: { result: { origins: ["https://www.gipfel.example"] } } });
    expect(await audits()).toHaveLength(count);
    expect((await audits()).at(-1)).toMatchObject({ before: { origins: ["https://www.gipfel.example", "https://shop.example"] }, after: { origins: ["https://www.gipfel.example"] } });
  });

  it("sees another instance's change within 10 seconds (the list is cached that long, not longer)", async () => {
    routesUse(db());
    const start = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(start);
    expect((await storefrontRequestAccess(fromPage("https://other-instance.example"))).allowed).toBe(false);
    // Another instance saves (straight into the table: this process's cache does not hear of it).
    await db().update(appSettings).set({ value: ["https://www.gipfel.example", "https://other-instance.example"] }).where(eq(appSettings.key, STOREFRONT_ORIGINS_KEY));
    clock.mockReturnValue(start + 9_000);
    expect((await storefrontRequestAccess(fromPage("https://other-instance.example"))).allowed).toBe(false);
    clock.mockReturnValue(start + 10_001);
    expect((await storefrontRequestAccess(fromPage("https://other-instance.example"))).allowed).toBe(true);
  });

  it("lets Treue's own pages read (the console's preview), and answers the shop's server without Origin", async () => {
    routesUse(db());
    expect(await storefrontRequestAccess(fromPage("https://treue.example"))).toEqual({ allowed: true, headers: { vary: "Origin", "access-control-allow-origin": "https://treue.example" } });
    expect(await storefrontRequestAccess(fromPage(null))).toEqual({ allowed: true, headers: { vary: "Origin" } });
    // With a public URL configured, a Host or X-Forwarded-Host header does not make another site "own".
    const spoofed = new NextRequest("https://evil.example/api/embed/v1/brand", { headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    expect((await storefrontRequestAccess(spoofed)).allowed).toBe(false);
  });

  it("serves the preview page in the chosen language, framable by Treue only, with Treue's script and the program's currency", async () => {
    routesUse(db());
    for (const [lang, title] of [["de", "Kuppelzelt Gipfel 2"], ["en", "Summit 2 dome tent"]] as const) {
      const response = await previewRoute(new NextRequest(`https://treue.example/storefront-preview?lang=${lang}`));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      const html = await response.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(title);
      expect(html).toContain('<treue-points price="11900" currency="EUR"></treue-points>');
      expect(html).toContain("Gipfelglück Outdoor");
    }
    expect(await (await previewRoute(new NextRequest("https://treue.example/storefront-preview?lang=<x>"))).text()).toContain('<html lang="de">');
  });
});
