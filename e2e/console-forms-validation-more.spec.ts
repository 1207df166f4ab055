// The console forms the first pass left out (support conversations, moderation, challenges, reward codes, the
// shop connections, program and orders import, erasure), in German and in English: bad values get
// the page's language and never the validation library's words, focus lands on the first invalid
// field, the summary counts, and nothing is saved. Required fields carry "*" and aria-required.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import de from "../lib/i18n/messages/de.json";
import en from "../lib/i18n/messages/en.json";
import { sharedAccountPage, signIn, uniqueEmail } from "./helpers";
import { postSigned, shopperWithOrder } from "./shop";

const OWNER = "owner@demo.treue.shop";
const HUGE = "99999999999999999999";
/** In the orders import's dry run only: found among the members, it was imported after all. */
const DRY_RUN_EMAIL = "orders-dry-run-only@example.com";
const RAW = /expected|Too (small|big)|Invalid|9007199254740991|i18n:|NaN|undefined|HTTP \d/;

type Locale = "de" | "en";
const words = (locale: Locale) => (locale === "de" ? de.console : en.console);

/** The other catalog's own sentences (the literal words around their placeholders), which must never show. */
function foreignFragments(locale: Locale): string[] {
  const fragments = (value: unknown): string[] =>
    typeof value === "string" ? value.split(/\{[^}]*\}|[#]/).map((s) => s.trim()).filter((s) => s.length >= 8) : Object.values(value as object).flatMap(fragments);
  const catalogs = (c: typeof de.console) => [c.validation, c.import.problems, c.errors];
  const mine = new Set(catalogs(words(locale)).flatMap(fragments));
  return catalogs(words(locale === "de" ? "en" : "de")).flatMap(fragments).filter((f) => !mine.has(f));
}

type FormCase = {
  name: string;
  /** Goes to the form and makes it ready (a dialog opened, a row selected). */
  open: (page: Page, locale: Locale) => Promise<void>;
  /** Types the bad values and submits. */
  submit: (page: Page, locale: Locale) => Promise<void>;
  first: (page: Page) => Locator;
  /** Where the form shows its errors. */
  scope: (page: Page) => Locator;
  /** Error texts besides the fields' own (`[id$="-error"]`) and the summary. */
  extraErrors?: string;
  /** A form that is not a console action (a file upload) has no summary. */
  noSummary?: boolean;
  saved: (page: Page) => Promise<string>;
};

/** A shopper's open "Punkte fehlen?" claim (a conversation in Console → Gespräche) and a review in the moderation queue, made once per run. */
async function pendingWork(browser: Browser, request: Parameters<typeof shopperWithOrder>[0]) {
  const shopper = await shopperWithOrder(request, "forms-support", 2_000);
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  try {
    await signIn(page, shopper.email, "/history");
    const orderNumber = `FV-${Date.now().toString(36)}`;
    await page.getByLabel("Bestellnummer").fill(orderNumber);
    await page.getByLabel("Bestelldatum").fill("2026-11-20");
    await page.getByRole("button", { name: "Anfrage senden" }).click();
    await expect(page.locator("#missing-status")).toContainText("Danke! Wir prüfen die Bestellung und melden uns.");

    const email = uniqueEmail("forms-review");
    const stamp = email.split("@")[0]!;
    const order = {
      id: `evt-${stamp}`,
      type: "order.paid",
      occurred_at: new Date().toISOString(),
      data: { order_id: `o-${stamp}`, customer: { id: `c-${stamp}`, email }, currency: "EUR", subtotal_cents: 6_000, items: [{ sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 6_000 }] },
    };
    expect((await postSigned(request, "/api/v1/events", JSON.stringify(order))).status()).toBe(200);
    const reviewer = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await signIn(reviewer, email, "/tasks");
    await reviewer.getByRole("link", { name: /Produkt bewerten/ }).click();
    await reviewer.getByRole("radio", { name: "5 Sterne" }).check({ force: true });
    await reviewer.getByLabel("Dein Erfahrungsbericht").fill(`Ein ehrliches Zelt, trocken in jeder Nacht (${stamp}).`);
    await reviewer.getByRole("button", { name: "Bewertung senden" }).click();
    await expect(reviewer.getByTestId("task-result")).toContainText("Danke!");
    await reviewer.context().close();
    return { orderNumber, stamp };
  } finally {
    await page.context().close();
  }
}

async function firstMemberPath(page: Page): Promise<string> {
  await page.goto("/console/members");
  return (await page.locator('a[href^="/console/members/"]').first().getAttribute("href"))!;
}

function cases(work: { orderNumber: string; stamp: string }): FormCase[] {
  const claim = (page: Page) => page.getByTestId("inbox-item").filter({ hasText: work.orderNumber });
  const openClaim = async (page: Page) => {
    await page.goto("/console/conversations");
    await claim(page).click();
    await expect(page.getByTestId("console-thread")).toBeVisible();
  };
  const resolveForm = (page: Page) => page.locator("form", { has: page.locator("#resolve-points") });
  const replyForm = (page: Page) => page.locator("form", { has: page.locator("#reply-body") });
  const queued = (page: Page) => page.getByTestId("queued").filter({ hasText: work.stamp });
  const codesRow = (page: Page) => page.getByTestId("reward-row").filter({ has: page.getByRole("button", { name: /^Codes$/ }) }).first();
  const wooForm = (page: Page, locale: Locale) => page.locator("form", { has: page.getByRole("button", { name: words(locale).connections.saveStatuses }) });
  let memberPath = "";
  return [
    {
      name: "conversation: resolve with too many points and no reason",
      open: openClaim,
      submit: async (page, locale) => {
        await page.locator("#resolve-points").fill(HUGE);
        await page.locator("#resolve-reason").fill("");
        await resolveForm(page).getByRole("button", { name: words(locale).conversations.resolveSend }).click();
      },
      first: (page) => page.locator("#resolve-points"),
      scope: resolveForm,
      // Resolving would add a line to the thread and close the claim.
      saved: async (page) => `${await claim(page).count()}:${(await page.getByTestId("console-thread").textContent()) ?? ""}`,
    },
    {
      name: "conversation: an empty reply",
      open: openClaim,
      submit: async (page, locale) => {
        await page.locator("#reply-body").fill("   ");
        await replyForm(page).getByRole("button", { name: words(locale).conversations.send }).click();
      },
      first: (page) => page.locator("#reply-body"),
      scope: replyForm,
      saved: async (page) => (await page.getByTestId("console-thread").textContent()) ?? "",
    },
    {
      name: "moderation: reject without a reason",
      open: async (page) => {
        await page.goto("/console/moderation");
        await queued(page).getByRole("checkbox").check();
      },
      submit: async (page, locale) => {
        await page.locator("#reject-reason").fill("  ");
        await page.getByRole("button", { name: locale === "de" ? "1 Beitrag ablehnen" : "Reject 1 submission" }).click();
      },
      first: (page) => page.locator("#reject-reason"),
      scope: (page) => page.locator("main"),
      saved: async (page) => String(await queued(page).count()),
    },
    {
      name: "challenges: a bad id, a negative target, a huge bonus",
      open: async (page, locale) => {
        await page.goto("/console/program/tasks");
        if ((await page.locator("#ch0-id").count()) === 0) await page.getByRole("button", { name: words(locale).tasks.addChallenge }).click();
      },
      submit: async (page, locale) => {
        await page.locator("#ch0-id").fill("Neue Challenge!");
        await page.locator("#ch0-target").fill("-3");
        await page.locator("#ch0-bonus").fill(HUGE);
        // Focus and the summary must reach back up to the row's first field from the button below.
        await page.getByRole("button", { name: words(locale).tasks.saveChallenges }).click();
      },
      first: (page) => page.locator("#ch0-id"),
      scope: (page) => page.locator("form", { has: page.locator("#ch0-id") }),
      saved: async (page) => `${await page.getByTestId("challenge").count()}:${(await page.locator("#ch0-id").count()) ? await page.locator("#ch0-id").inputValue() : ""}`,
    },
    {
      name: "reward codes: a negative count",
      open: async (page) => {
        await page.goto("/console/program/rewards");
        await codesRow(page).getByRole("button", { name: /^Codes$/ }).click();
      },
      submit: async (page, locale) => {
        await page.getByRole("dialog").locator('input[id^="gen-"]').fill("-5");
        await page.getByRole("dialog").getByRole("button", { name: words(locale).rewards.generate }).click();
      },
      first: (page) => page.getByRole("dialog").locator('input[id^="gen-"]'),
      scope: (page) => page.getByRole("dialog").locator("form", { has: page.locator('input[id^="gen-"]') }),
      saved: async (page) => (await codesRow(page).textContent()) ?? "",
    },
    {
      name: "reward codes: a malformed CSV",
      open: async (page) => {
        await page.goto("/console/program/rewards");
        await codesRow(page).getByRole("button", { name: /^Codes$/ }).click();
      },
      submit: async (page, locale) => {
        await page.getByRole("dialog").locator('textarea[id^="csv-"]').fill("code\nGUT SCHEIN!;5\n\"x\"\nSOMMER-2026");
        await page.getByRole("dialog").getByRole("button", { name: words(locale).rewards.upload }).click();
      },
      first: (page) => page.getByRole("dialog").locator('textarea[id^="csv-"]'),
      scope: (page) => page.getByRole("dialog").locator("form", { has: page.locator('textarea[id^="csv-"]') }),
      saved: async (page) => (await codesRow(page).textContent()) ?? "",
    },
    {
      name: "WooCommerce paid statuses: none",
      open: async (page) => void (await page.goto("/console/connections")),
      submit: async (page, locale) => {
        const form = wooForm(page, locale);
        for (const box of await form.locator('input[type="checkbox"]').all()) await box.uncheck();
        await form.getByRole("button", { name: words(locale).connections.saveStatuses }).click();
      },
      first: (page) => page.locator('form:has(#paid-statuses-error) input[type="checkbox"]').first(),
      scope: (page) => page.locator("form", { has: page.locator("#paid-statuses-error") }),
      saved: async (page) => (await page.locator('input[type="checkbox"]:checked').evaluateAll((boxes) => boxes.map((b) => b.parentElement?.textContent))).join("|"),
    },
    {
      name: "program import: an invalid document",
      open: async (page) => void (await page.goto("/console/program/document")),
      submit: async (page, locale) => {
        const doc = { name: "", rewards: [{ id: "Falsch!", pointsCost: -5 }], earnRule: { pointsPerUnit: 1e20 } };
        await page.locator("#program-file").setInputFiles({ name: "programm.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(doc)) });
        await page.getByRole("button", { name: words(locale).document.import }).click();
      },
      first: (page) => page.locator("#program-file"),
      scope: (page) => page.locator("form", { has: page.locator("#program-file") }),
      extraErrors: '[data-testid="import-problems"] li',
      saved: async (page) => {
        await page.goto("/console/program/settings");
        const name = await page.locator("#program-name").inputValue();
        await page.goto("/console/program/document");
        return name;
      },
    },
    {
      name: "orders import: a malformed CSV",
      open: async (page) => void (await page.goto("/console/connections")),
      submit: async (page, locale) => {
        const csv = `order_id,date,customer_id,email,subtotal,currency\nA-1,gestern,c1,keine-mail,12;50,EUR\nA-2,2026-01-05,c2,${DRY_RUN_EMAIL},10.00,USD\nA-2,2026-01-05,c2,${DRY_RUN_EMAIL},10.00,EUR\n`;
        await page.locator("#orders-file").setInputFiles({ name: "bestellungen.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
        await page.getByRole("button", { name: words(locale).import.dryRun }).click();
      },
      first: (page) => page.locator("#orders-file"),
      scope: (page) => page.getByTestId("import-report"),
      extraErrors: "li, p",
      noSummary: true,
      saved: async (page) => {
        await page.goto("/console/members");
        const text = (await page.locator("main").textContent()) ?? "";
        await page.goto("/console/connections");
        // An address no other spec uses: the members page lists everyone the parallel specs made.
        return text.includes(DRY_RUN_EMAIL) ? "imported" : "not imported";
      },
    },
    {
      name: "erase a member: the wrong address",
      open: async (page, locale) => {
        memberPath ||= await firstMemberPath(page);
        await page.goto(memberPath);
        await page.getByRole("button", { name: words(locale).member.erase }).click();
      },
      submit: async (page, locale) => {
        await page.getByRole("dialog").locator("#erase-confirm").fill("jemand-anderes@example.com");
        await page.getByRole("dialog").getByRole("button", { name: words(locale).member.erase }).click();
      },
      first: (page) => page.getByRole("dialog").locator("#erase-confirm"),
      scope: (page) => page.getByRole("dialog"),
      saved: async (page) => (await page.getByTestId("member-balance").textContent()) ?? "",
    },
  ];
}

async function ownerPage(browser: Browser, locale: Locale): Promise<Page> {
  return sharedAccountPage(browser, OWNER, "/console", { locale: locale === "de" ? "de-DE" : "en-GB" });
}

let work: { orderNumber: string; stamp: string } | undefined;

for (const locale of ["de", "en"] as const) {
  test(`the remaining console forms refuse bad values plainly, in ${locale === "de" ? "German" : "English"}`, async ({ browser, request }) => {
    test.setTimeout(300_000);
    work ??= await pendingWork(browser, request);
    const page = await ownerPage(browser, locale);
    const foreign = foreignFragments(locale);
    const otherWords = locale === "de" ? /\b(Please|At least|At most|characters|points|field|line|Line)\b/ : /\b(Bitte|Mindestens|Höchstens|Zeichen|Punkte|Feld|Zeile)\b/;
    const summaryCount = locale === "de" ? /\d+ Feld(er)? brauch(t|en) deine Aufmerksamkeit/ : /\d+ fields? needs? your attention/;
    try {
      for (const form of cases(work)) {
        await test.step(form.name, async () => {
          await form.open(page, locale);
          const before = await form.saved(page);
          await form.submit(page, locale);

          await expect(form.first(page)).toBeFocused();
          await expect(form.first(page)).toHaveAttribute("aria-invalid", "true");
          await expect(form.first(page)).toBeInViewport();
          if (!form.noSummary) await expect(form.scope(page).getByTestId("form-error-summary")).toContainText(summaryCount);

          const selector = ['[id$="-error"]', '[data-testid="form-error-summary"]', form.extraErrors].filter(Boolean).join(", ");
          const errors = (await form.scope(page).locator(selector).allTextContents()).map((t) => t.trim()).filter(Boolean);
          expect(errors.length, `${form.name}: errors shown`).toBeGreaterThan(form.noSummary ? 0 : 1);
          for (const text of errors) {
            expect(text, `${form.name}: no library text`).not.toMatch(RAW);
            expect(text, `${form.name}: only the page's language`).not.toMatch(otherWords);
            for (const fragment of foreign) expect(text, `${form.name}: only the page's language`).not.toContain(fragment);
          }

          await page.reload();
          await form.open(page, locale);
          expect(await form.saved(page), `${form.name}: nothing saved`).toEqual(before);
        });
      }
    } finally {
      await page.context().close();
    }
  });
}

test("required fields carry a '*' and aria-required, optional ones say so, and each form says once what '*' means", async ({ browser }) => {
  const page = await ownerPage(browser, "de");
  try {
    await page.goto("/console/program/rewards");
    await page.getByRole("button", { name: "Neue Prämie" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("required-note")).toHaveText("Felder mit * sind Pflicht.");
    await expect(dialog.locator("#rw-name-de")).toHaveAttribute("aria-required", "true");
    await expect(dialog.locator('label[for="rw-name-de"]')).toHaveText("Name (Deutsch)");
    await expect(dialog.locator('div:has(> label[for="rw-name-de"]) > [data-required-mark]')).toHaveText("*");
    // The "*" is for the eye; a screen reader hears "required" from aria-required instead.
    await expect(dialog.locator("#rw-name-de")).toHaveAccessibleName("Name (Deutsch)");
    await expect(dialog.locator("#rw-stock")).not.toHaveAttribute("aria-required", "true");
    await expect(dialog.locator('label[for="rw-stock"]')).toContainText("(optional)");
    // Every marked label's control is required for assistive technology too.
    const marked = await dialog.locator("div:has(> [data-required-mark]) > label").all();
    expect(marked.length).toBeGreaterThan(3);
    for (const label of marked) {
      const id = await label.getAttribute("for");
      await expect(dialog.locator(`[id="${id}"]`), `${id}`).toHaveAttribute("aria-required", "true");
    }

    await page.goto("/console/staff");
    await expect(page.getByTestId("required-note")).toHaveText("Felder mit * sind Pflicht.");
    await expect(page.locator("#invite-email")).toHaveAttribute("aria-required", "true");

    const en = await ownerPage(browser, "en");
    await en.goto("/console/program/earning");
    await expect(en.getByTestId("required-note").first()).toHaveText("Fields marked * are required.");
    await expect(en.locator("#ppu")).toHaveAttribute("aria-required", "true");
    await en.context().close();
  } finally {
    await page.context().close();
  }
});
