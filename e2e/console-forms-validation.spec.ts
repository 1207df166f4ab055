// Every console form, in German and in English, given empty, negative, huge and malformed values:
// the errors are in the page's language and never the validation library's own words, focus lands
// on the first invalid field, a summary next to the button counts them, and nothing is saved.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import de from "../lib/i18n/messages/de.json";
import en from "../lib/i18n/messages/en.json";
import { sharedAccountPage } from "./helpers";

const OWNER = "owner@demo.treue.shop";
const HUGE = "99999999999999999999";
const RAW = /expected|Too (small|big)|Invalid|9007199254740991|i18n:|NaN|undefined/;

type Locale = "de" | "en";

/** The other catalog's own sentences (the literal words around their placeholders), which must never show. */
function foreignFragments(locale: Locale): string[] {
  const own = locale === "de" ? de.console.validation : en.console.validation;
  const other = locale === "de" ? en.console.validation : de.console.validation;
  const fragments = (value: unknown): string[] =>
    typeof value === "string" ? value.split(/\{[^}]*\}|[#]/).map((s) => s.trim()).filter((s) => s.length >= 8) : Object.values(value as object).flatMap(fragments);
  const mine = new Set(fragments(own));
  return fragments(other).filter((f) => !mine.has(f));
}

type FormCase = {
  name: string;
  path: string | ((page: Page) => Promise<string>);
  /** Opens the form (a dialog) when it is not on the page itself. */
  open?: (page: Page, locale: Locale) => Promise<void>;
  /** Selector → what to type; every value is one a person could type by mistake. */
  fill: [selector: string, value: string][];
  /** The first invalid field in the form's order, which must get focus. */
  first: string;
  /** What the page shows of the saved state, read again after a reload: it must not change. */
  saved: (page: Page) => Promise<string>;
};

const inputValue = (selector: string) => (page: Page) => page.locator(selector).inputValue();

async function firstMemberPath(page: Page): Promise<string> {
  await page.goto("/console/members");
  const href = await page.locator('a[href^="/console/members/"]').first().getAttribute("href");
  return href!;
}

const CASES: FormCase[] = [
  {
    name: "new reward (dialog)",
    path: "/console/program/rewards",
    open: async (page, locale) => page.getByRole("button", { name: locale === "de" ? "Neue Prämie" : "New reward" }).click(),
    fill: [
      ["#rw-id", "Gutschein 5!"],
      ["#rw-name-de", ""],
      ["#rw-cost", HUGE],
      ["#rw-value", "-5"],
      ["#rw-valid", ""],
      ["#rw-stock", "-3"],
      ["#rw-min-order", "zehn Euro"],
    ],
    first: "#rw-id",
    saved: async (page) => String(await page.getByTestId("reward-row").count()),
  },
  {
    name: "referrals & brand",
    path: "/console/program/settings",
    fill: [
      ["#program-name", ""],
      ["#ref-referrerPoints", "-500"],
      ["#ref-friendDiscount", HUGE],
      ["#ref-returnWindow", "zwei Wochen"],
      ["#brand-shopUrl", "ftp://mein-shop"],
    ],
    first: "#program-name",
    saved: inputValue("#program-name"),
  },
  {
    name: "earn rule",
    path: "/console/program/earning",
    fill: [
      ["#ppu", HUGE],
      ["#min-order", "-1"],
      ["#valid-months", ""],
    ],
    first: "#ppu",
    saved: inputValue("#ppu"),
  },
  {
    name: "tiers",
    path: "/console/program/tiers",
    fill: [
      ["#t0-id", ""],
      ["#t0-threshold", "-5"],
      ["#t0-mult", HUGE],
      ["#tier-grace", "-1"],
    ],
    first: "#tier-grace",
    saved: inputValue("#t0-id"),
  },
  {
    name: "points adjustment",
    path: firstMemberPath,
    fill: [
      ["#adjust-points", HUGE],
      ["#adjust-reason", "x"],
    ],
    first: "#adjust-points",
    saved: async (page) => (await page.getByTestId("member-balance").textContent()) ?? "",
  },
  {
    name: "new task (dialog)",
    path: "/console/program/tasks",
    open: async (page, locale) => page.getByRole("button", { name: locale === "de" ? "Neue Aufgabe" : "New task" }).click(),
    fill: [
      ["#tk-id", ""],
      ["#tk-titleDe", ""],
      ["#tk-points", "-30"],
      ["#tk-dailyCap", HUGE],
    ],
    first: "#tk-id",
    saved: async (page) => String(await page.getByTestId("task-row").count()),
  },
  {
    name: "journeys",
    path: "/console/journeys",
    fill: [["#win_back-days", HUGE]],
    first: "#win_back-days",
    saved: inputValue("#win_back-days"),
  },
  {
    name: "campaign",
    path: "/console/campaigns",
    fill: [
      ["#campaign-name", ""],
      ["#campaign-title-de", ""],
      ["#campaign-points-min", "-1"],
    ],
    first: "#campaign-name",
    saved: async (page) => String(await page.getByTestId("campaign-row").count()),
  },
  {
    name: "staff invitation",
    path: "/console/staff",
    fill: [["#invite-email", "nicht-mit-at"]],
    first: "#invite-email",
    saved: async (page) => (await page.locator("main").textContent())!.includes("nicht-mit-at") ? "listed" : "absent",
  },
  {
    name: "webhook secret",
    path: "/console/connections",
    fill: [["#shopify-secret", "kurz"]],
    first: "#shopify-secret",
    // The secret's state only: the page's text also changes once the forms hydrate (the "*" note).
    saved: async (page) => (await page.getByTestId("connection-shopify").getByTestId("connector-secret-state").textContent()) ?? "",
  },
  {
    name: "storefront origins",
    path: "/console/storefront",
    fill: [["#storefront-origin", "kein host"]],
    first: "#storefront-origin",
    saved: async (page) => String(await page.getByTestId("origin-listed").count()),
  },
];

async function ownerPage(browser: Browser, locale: Locale): Promise<Page> {
  return sharedAccountPage(browser, OWNER, "/console", { locale: locale === "de" ? "de-DE" : "en-GB" });
}

/** Every error text the form shows now: at the fields and in the summary. */
async function shownErrors(form: Locator): Promise<string[]> {
  const texts = await form.locator('[id$="-error"], [data-testid="form-error-summary"]').allTextContents();
  return texts.map((t) => t.trim()).filter(Boolean);
}

for (const locale of ["de", "en"] as const) {
  test(`every console form refuses bad values plainly, in ${locale === "de" ? "German" : "English"}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await ownerPage(browser, locale);
    const foreign = foreignFragments(locale);
    const otherWords = locale === "de" ? /\b(Please|At least|At most|characters|points|field)\b/ : /\b(Bitte|Mindestens|Höchstens|Zeichen|Punkte|Feld)\b/;
    const summaryCount = locale === "de" ? /\d+ Feld(er)? brauch(t|en) deine Aufmerksamkeit/ : /\d+ fields? needs? your attention/;
    try {
      for (const form of CASES) {
        await test.step(form.name, async () => {
          const path = typeof form.path === "string" ? form.path : await form.path(page);
          await page.goto(path);
          await form.open?.(page, locale);
          const before = await form.saved(page);
          const scope = page.locator("form", { has: page.locator(form.first) });
          for (const [selector, value] of form.fill) await page.locator(selector).fill(value);
          await scope.locator('button[type="submit"]').first().click();

          await expect(page.locator(form.first)).toBeFocused();
          await expect(page.locator(form.first)).toHaveAttribute("aria-invalid", "true");
          await expect(page.locator(form.first)).toBeInViewport();
          await expect(scope.getByTestId("form-error-summary")).toContainText(summaryCount);

          const errors = await shownErrors(scope);
          expect(errors.length, `${form.name}: errors shown`).toBeGreaterThan(1);
          for (const text of errors) {
            expect(text, `${form.name}: no library text`).not.toMatch(RAW);
            expect(text, `${form.name}: only the page's language`).not.toMatch(otherWords);
            for (const fragment of foreign) expect(text, `${form.name}: only the page's language`).not.toContain(fragment);
          }

          await page.reload();
          await form.open?.(page, locale);
          expect(await form.saved(page), `${form.name}: nothing saved`).toEqual(before);
        });
      }
    } finally {
      await page.context().close();
    }
  });
}

test("a huge number gets the field's own limit, formatted, on the server too; a reopened dialog is fresh; a preview shows no nonsense", async ({ browser }) => {
  const page = await ownerPage(browser, "de");
  try {
    const path = await firstMemberPath(page);
    const memberId = path.split("/").at(-1)!;
    const adjust = async (language: string) => {
      const response = await page.request.post("/api/console/members.adjust", {
        headers: { "accept-language": language },
        data: { memberId, points: 1e20, reason: "x", requestId: crypto.randomUUID() },
      });
      expect(response.status()).toBe(400);
      return (await response.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    };
    const german = await adjust("de-DE");
    expect(german.errors).toEqual([
      { pointer: "/points", detail: "Höchstens 1.000.000 Punkte." },
      { pointer: "/reason", detail: "Bitte gib einen Grund mit mindestens 3 Zeichen an." },
    ]);
    expect(german.detail).toBe("2 Eingaben brauchen deine Aufmerksamkeit.");
    const english = await adjust("en-GB");
    expect(english.errors).toEqual([
      { pointer: "/points", detail: "At most 1,000,000 points." },
      { pointer: "/reason", detail: "Please give a reason of at least 3 characters." },
    ]);
    expect(english.detail).toBe("2 entries need your attention.");

    await page.goto("/console/program/rewards");
    await page.getByRole("button", { name: "Neue Prämie" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("#rw-cost").fill(HUGE);
    await expect(dialog.getByText("100000000000000000000 P")).toHaveCount(0);
    await expect(dialog.getByText("… P")).toBeVisible();
    await dialog.locator("#rw-id").fill("Falsch!");
    await dialog.getByRole("button", { name: "Prämie speichern" }).click();
    await expect(dialog.locator("#rw-id")).toHaveAccessibleDescription("Nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 40 Zeichen, z. B. gutschein-5.");
    await expect(dialog.locator("#rw-cost")).toHaveAccessibleDescription("Höchstens 1.000.000 Punkte.");
    await dialog.getByRole("button", { name: "Schließen" }).click();
    await page.getByRole("button", { name: "Neue Prämie" }).click();
    await expect(dialog.locator("#rw-id")).toHaveValue("");
    await expect(dialog.locator("#rw-cost")).toHaveValue("500");
    await expect(dialog.locator('[aria-invalid="true"]')).toHaveCount(0);
    await expect(dialog.getByTestId("form-error-summary")).toBeEmpty();
    await expect(dialog.locator("#rw-id")).toHaveAccessibleDescription("Kurzname in der Adresse, z. B. gutschein-5 – später nicht änderbar.");

    await page.goto("/console/program/settings");
    await page.locator("#ref-referrerPoints").fill("-500");
    await expect(page.getByText(/du -500 Punkte/)).toHaveCount(0);
    await expect(page.getByText(/du … Punkte/)).toBeVisible();
  } finally {
    await page.context().close();
  }
});
