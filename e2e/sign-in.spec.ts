import { expect, test } from "@playwright/test";
import { openMagicLinkFromMailbox, requestMagicLink, signIn, uniqueEmail } from "./helpers";

test("the demo shopper signs in by magic link, lands where she wanted and sees her balance", async ({ page }, info) => {
  await signIn(page, "Anna@Demo.Treue.Shop", "/rewards");

  // The deep link survives sign-in.
  await expect(page).toHaveURL(/\/rewards$/);
  await expect(page.getByRole("heading", { level: 1, name: "Prämien" })).toBeVisible();

  await page.getByRole("link", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hallo, Anna!" })).toBeVisible();
  // The seeded history: five orders worth 89 + 199 + 42 + 273 + 52 points (the last three as Silber, × 1.25), one reward for 150, one referral for 250, tasks for 70.
  await expect(page.getByTestId("balance")).toContainText("825");
  await expect(page.getByTestId("balance")).toContainText("Punkte");
  // Her last order was six days ago: the points stay valid for twelve months from it.
  await expect(page.getByTestId("expiry")).toHaveText(/^Gültig bis \d{1,2}\. \S+ \d{4} – jede Bestellung verlängert deine Punkte\.$/);
  await expect(page.getByText("Bestellung #1042")).toBeVisible();
  // Order amounts in German notation.
  await expect(page.getByText(/42,99\s€/)).toBeVisible();
  await page.screenshot({ path: info.outputPath("home.png"), fullPage: true });

  await page.getByRole("link", { name: "Alle Aktivitäten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Punkteverlauf" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Punktestand im Zeitverlauf, heute 825" })).toBeVisible();
  await expect(page.getByText("Bestellung #1038")).toBeVisible();
  await page.screenshot({ path: info.outputPath("history.png"), fullPage: true });
});

test("a new shopper becomes a member, names herself, switches to English and signs out", async ({ page }, info) => {
  const email = uniqueEmail("new");
  await signIn(page, email);

  await expect(page.getByRole("heading", { level: 1, name: "Hallo!" })).toBeVisible();
  await expect(page.getByTestId("balance")).toContainText("0");
  await expect(page.getByText("Noch keine Punkte")).toBeVisible();

  await page.getByRole("link", { name: "Profil" }).first().click();
  await expect(page.getByTestId("member-email")).toHaveText(email.toLowerCase());
  await page.getByLabel("Dein Name").fill("Mara Ost");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page.locator("#member-name-status")).toHaveText("Gespeichert");

  // Which news she wants by push: the choice holds for all her devices and survives a reload.
  const push = page.getByRole("region", { name: "Mitteilungen" });
  await expect(push.getByRole("checkbox", { name: "Neue Aufgaben" })).toBeChecked();
  await expect(push.getByRole("checkbox", { name: "Angebote und Aktionen" })).not.toBeChecked(); // offers only when asked for
  await push.getByRole("checkbox", { name: "Neue Aufgaben" }).uncheck();
  await push.getByRole("button", { name: "Auswahl speichern" }).click();
  await expect(page.getByTestId("push-preferences-status")).toHaveText("Gespeichert");
  await page.reload();
  await expect(push.getByRole("checkbox", { name: "Neue Aufgaben" })).not.toBeChecked();
  await expect(push.getByRole("checkbox", { name: "Punkte für Bestellungen" })).toBeChecked();
  // By e-mail, her account news stays on; the push choice does not change it.
  const emailChoices = page.getByRole("region", { name: "E-Mails" });
  await expect(emailChoices.getByRole("checkbox", { name: "Punkte für Bestellungen" })).toBeChecked();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: info.outputPath("profile-en.png"), fullPage: true });

  await page.getByRole("link", { name: "Home" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Hi Mara!" })).toBeVisible();
  await expect(page.getByText("Your points")).toBeVisible();

  await page.getByRole("link", { name: "Profile" }).first().click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a malformed address gets a specific error and sends nothing", async ({ page }, info) => {
  await page.goto("/login");
  await requestMagicLink(page, "anna(at)example.com");
  await expect(page.getByRole("alert").filter({ hasText: "Das sieht nicht nach einer E-Mail-Adresse aus" })).toBeVisible();
  await expect(page.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/login$/);
  await page.screenshot({ path: info.outputPath("login-error.png"), fullPage: true });

  // The server refuses it too, even when the page's own check is bypassed.
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/signin/email", {
    form: { email: "not-an-address", csrfToken: csrf.csrfToken, json: "true", callbackUrl: "/" },
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).url).toContain("error=InvalidEmail");
});

test("magic links are rate-limited per address", async ({ page }) => {
  const email = uniqueEmail("spam");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.goto("/login");
    await requestMagicLink(page, email);
    await expect(page.getByRole("heading", { name: "Schau in dein Postfach" })).toBeVisible();
  }
  await page.goto("/login");
  await requestMagicLink(page, email);
  await expect(page.getByRole("alert").filter({ hasText: "Zu viele Anmeldelinks" })).toBeVisible();

  // The links that did go out still work.
  await openMagicLinkFromMailbox(page, email);
  await expect(page.getByTestId("balance")).toBeVisible();
});

test("a used magic link cannot sign in twice", async ({ page, browser }) => {
  const email = uniqueEmail("once");
  await page.goto("/login");
  await requestMagicLink(page, email);
  await expect(page.getByRole("heading", { name: "Schau in dein Postfach" })).toBeVisible();
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const link = await page.getByRole("link", { name: "Anmeldelink öffnen" }).first().getAttribute("href");
  expect(link).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByTestId("balance")).toBeVisible();

  const stranger = await browser.newContext({ locale: "de-DE" });
  const other = await stranger.newPage();
  await other.goto(link!);
  await expect(other).toHaveURL(/\/login\?error=Verification/);
  await expect(other.getByRole("alert").filter({ hasText: "abgelaufen oder wurde schon benutzt" })).toBeVisible();
  await stranger.close();
});

test("signing in works without JavaScript: a plain form, the server's own checks, the magic link", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "de-DE" });
  const page = await context.newPage();
  try {
    await page.goto("/rewards");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Frewards$/);
    // A malformed address comes back from the server with its message, the typed text kept.
    await page.getByLabel("E-Mail-Adresse").fill("anna(at)example.com");
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await expect(page.getByRole("alert")).toHaveText("Das sieht nicht nach einer E-Mail-Adresse aus. Bitte prüfe die Schreibweise (z. B. name@beispiel.de).");
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue("anna(at)example.com");
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");

    const email = uniqueEmail("no-js");
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await expect(page.getByRole("heading", { name: "Schau in dein Postfach" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await openMagicLinkFromMailbox(page, email);
    await expect(page).toHaveURL(/\/rewards$/);
    await expect(page.getByRole("heading", { level: 1, name: "Prämien" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("pages run only their own nonced scripts, cannot be framed, and get HSTS over https", async ({ page, request }) => {
  const response = await page.goto("/login");
  const policy = response!.headers()["content-security-policy"]!;
  const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(response!.headers()["permissions-policy"]).toContain("camera=()");
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  // The build's scripts carry nosniff, not the documents' policies (bytes on every script download).
  const script = await page.locator("script[src*='/_next/static/']").first().getAttribute("src");
  const asset = await request.get(script!);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  expect(asset.headers()["permissions-policy"]).toBeUndefined();
  // Every script Next rendered carries this response's nonce (the DOM hides it from attributes, not from .nonce).
  const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  // Markup slipped into the page (the usual XSS: an inline handler) does not run, and the browser says why.
  const ran = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (event) => violations.push(event.effectiveDirective));
    document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-picture.png" onerror="window.injectedRan = true">');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { injected: (window as unknown as { injectedRan?: boolean }).injectedRan === true, violations };
  });
  expect(ran.violations).toContain("script-src-attr");
  expect(ran.injected).toBe(false);
  const second = await request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(second.headers()["strict-transport-security"]).toBeUndefined();
  const overHttps = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});
