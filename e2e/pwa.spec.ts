// The installable app: a manifest a browser accepts, with icons and shortcuts that resolve.
import { expect, test } from "@playwright/test";
import { controlledByWorker, sharedAccountPage, signIn, uniqueEmail } from "./helpers";
import { orderPaid, postSigned, ZELT_DUO, shopperWithOrder } from "./shop";

test("the web app manifest names the program, installs standalone and every asset it lists exists", async ({ page, request }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const response = await request.get(href!);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: "Gipfelglück Outdoor", display: "standalone", start_url: "/", lang: "de", theme_color: "#136441" });
  expect(manifest.icons.filter((i: { purpose: string }) => i.purpose === "maskable")).toHaveLength(2);
  expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(["/rewards", "/invite", "/tasks"]);
  const assets = [...manifest.icons, ...manifest.screenshots].map((a: { src: string }) => a.src);
  for (const src of assets) {
    const asset = await request.get(src);
    expect(asset.status(), src).toBe(200);
    expect(asset.headers()["content-type"], src).toBe("image/png");
  }
  expect(await page.locator('link[rel="apple-touch-icon"]').getAttribute("href")).toBe("/icons/apple-touch-icon.png");
});

test("the service worker registers, and offline a screen never visited shows the offline page", async ({ page, context }) => {
  await page.goto("/login");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe("/");
  // Once it controls the page (after a reload), it answers navigations.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  try {
    await page.goto("/login"); // visited online: the last copy
    await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
    await page.goto("/tiers?never-visited=1");
    await expect(page.getByRole("heading", { level: 1, name: "Du bist offline" })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("the offline copies of screens are bounded: past 40, the least recently used are dropped", async ({ page }) => {
  await page.goto("/login");
  await controlledByWorker(page);
  const cachedVisits = () => page.evaluate(async () => (await (await caches.open("treue-pages")).keys()).map((r) => new URL(r.url).searchParams.get("visit")).filter(Boolean));
  for (let visit = 1; visit <= 45; visit++) await page.goto(`/login?visit=${visit}`);
  await expect.poll(async () => (await cachedVisits()).length, { timeout: 15_000 }).toBeLessThanOrEqual(40);
  const kept = await cachedVisits();
  expect(kept).toContain("45"); // the latest copy stays
  expect(kept).not.toContain("1"); // the oldest went first
});

test("signed in and offline: the last copy of Home with a banner saying so", async ({ page, context }) => {
  await signIn(page, uniqueEmail("offline"), "/");
  await expect(page.getByRole("heading", { level: 1, name: "Hallo!" })).toBeVisible();
  await controlledByWorker(page);
  await context.setOffline(true);
  try {
    await expect(page.getByTestId("offline-banner")).toHaveText("Offline – du siehst den letzten Stand. Aktionen brauchen eine Verbindung.");
    await page.reload();
    await expect(page.getByTestId("balance")).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
  await expect(page.getByTestId("offline-banner")).toHaveCount(0);
});

test("after one online visit, offline shows the last-known balance and wallet code with 'Stand', and redeeming says it needs a connection", async ({ page, context, request }) => {
  const { email } = await shopperWithOrder(request, "offline-wallet", 30_000);
  await signIn(page, email, "/rewards");
  await page.getByRole("link", { name: /Gratis Versand/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gratis Versand" })).toBeVisible();
  const rewardUrl = page.url();
  await page.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
  await page.getByRole("button", { name: "Jetzt 150 Punkte einlösen" }).click();
  await expect(page).toHaveURL(/\/wallet\?new=/);
  const code = (await page.getByTestId("coupon-code").first().textContent())!.trim();
  // Just redeemed: the one moment a reminder is offered; "Nein, danke" is answered for good.
  await expect(page.getByTestId("push-offer")).toContainText("Sollen wir dich erinnern, bevor dein Gutschein abläuft?");
  await page.getByRole("button", { name: "Nein, danke" }).click();
  await expect(page.getByTestId("push-offer")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("coupon-code").first()).toHaveText(code);
  await expect(page.getByTestId("push-offer")).toHaveCount(0);

  // One visit of Home online; the worker keeps Wallet and Rewards fresh in the background.
  await page.goto("/");
  await controlledByWorker(page);
  await expect(page.getByTestId("as-of")).toBeHidden(); // online: the data is live
  await page.goto(rewardUrl);
  await page.goto("/");
  await expect
    .poll(() => page.evaluate(async () => Boolean(await (await caches.open("treue-pages")).match("/wallet"))), { timeout: 15_000 })
    .toBe(true);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByTestId("balance")).toContainText("150"); // 300 earned, 150 spent
    await expect(page.getByTestId("as-of")).toHaveText(/^Stand: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await page.goto("/wallet");
    await expect(page.getByTestId("coupon-code").first()).toHaveText(code);
    await expect(page.getByTestId("as-of")).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toBeVisible();

    await page.goto("/rewards");
    await expect(page.getByRole("link", { name: /Gratis Versand/ })).toBeVisible(); // the catalog, kept fresh by the worker
    await page.goto(rewardUrl); // opened online above (a worker-controlled visit keeps the copy)
    await page.getByRole("button", { name: "Für 150 Punkte einlösen" }).click();
    await expect(page.getByText("Zum Einlösen brauchst du eine Verbindung. Deine Punkte bleiben dir – versuche es, sobald du wieder online bist.")).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("a review written offline waits as 'wird gesendet', goes out once back online and pays once on approval", async ({ page, context, request, browser }, testInfo) => {
  const email = uniqueEmail("offline-review");
  const stamp = email.split("@")[0]!;
  const order = orderPaid(`evt-${stamp}`, `o-${stamp}`, `c-${stamp}`, 6_000, email, [ZELT_DUO]);
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(order))).status()).toBe(200);
  await signIn(page, email, "/tasks");
  await controlledByWorker(page);
  await page.getByRole("link", { name: /Produkt bewerten/ }).click();
  await expect(page.getByLabel("Welches Produkt?")).toHaveValue("ZELT-2");

  await context.setOffline(true);
  const text = `Im Zug ohne Netz geschrieben: hält dicht, steht schnell (${stamp}).`;
  await page.getByRole("radio", { name: "4 Sterne" }).check({ force: true });
  await page.getByLabel("Dein Erfahrungsbericht").fill(text);
  await page.getByRole("button", { name: "Bewertung senden" }).click();
  await expect(page.getByTestId("task-queued")).toHaveText("Keine Verbindung – dein Beitrag wird gesendet, sobald du wieder online bist.");
  const queued = () => page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open("treue-outbox");
    open.onsuccess = () => {
      const count = open.result.transaction("submissions").objectStore("submissions").count();
      count.onsuccess = () => resolve(count.result);
    };
  }));
  expect(await queued()).toBe(1);

  await context.setOffline(false);
  await expect(page.getByTestId("task-result")).toHaveText("Danke! Wir prüfen deinen Beitrag – die 50 Punkte kommen nach der Freigabe.");
  await expect.poll(queued).toBe(0);
  await page.goto("/tasks");
  await expect(page.getByTestId("pending-submission")).toHaveCount(0);
  await expect(page.getByTestId("in-review")).toHaveCount(1);

  const staff = await sharedAccountPage(browser, "team@demo.treue.shop", "/console/moderation", { baseURL: testInfo.project.use.baseURL });
  try {
    const item = staff.getByTestId("queued").filter({ hasText: stamp });
    await expect(item).toHaveCount(1); // sent by the page and perhaps by Background Sync: one submission
    await item.getByRole("button", { name: "Freigeben" }).click();
    await expect(item).toHaveCount(0);
  } finally {
    await staff.context().close();
  }
  await page.goto("/");
  await expect(page.getByTestId("balance")).toContainText("110"); // 60 for the order + 50, once
});

test("a new version waits for the shopper: 'Neue Version verfügbar', and it takes over only on 'Neu laden'", async ({ page }) => {
  await signIn(page, uniqueEmail("update"), "/");
  await controlledByWorker(page);
  await expect(page.getByRole("button", { name: "Neu laden" })).toHaveCount(0);
  // The next release, as the browser sees one: a worker script it does not know yet.
  await page.evaluate(() => navigator.serviceWorker.register("/sw.js?release=next", { scope: "/" }));
  await expect(page.getByText("Neue Version verfügbar")).toBeVisible();
  // Nothing switches by itself: the page still runs on the old worker.
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).not.toContain("release=next");
  await page.getByRole("button", { name: "Neu laden" }).click();
  // The page reloads itself once the new worker controls it (an evaluate may meet that reload).
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "").catch(() => "")).toContain("release=next");
  await expect(page.getByTestId("balance")).toBeVisible();
});

test("installing is offered on Profile only: a button where the browser offers it, the Safari steps on an iPhone", async ({ page, browser }, testInfo) => {
  await signIn(page, uniqueEmail("install"), "/profile");
  await expect(page.getByRole("heading", { level: 2, name: "Mitteilungen" })).toBeVisible();
  await expect(page.getByTestId("install-card")).toHaveCount(0); // nothing offered, nothing shown
  // The browser's install offer (Chromium fires it once it deems the app installable), offered
  // until the page listens: on a slow machine the heading shows before the card's script runs.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const offer = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
          prompt: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
          userChoice: Promise.resolve({ outcome: "accepted" }),
        });
        window.dispatchEvent(offer);
        return offer.defaultPrevented; // the mini-infobar is kept away
      }),
    )
    .toBe(true);
  await page.getByRole("button", { name: "Installieren" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
  await expect(page.getByTestId("install-card")).toHaveCount(0); // an offer is used once

  const iphone = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    locale: "de-DE",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
    viewport: { width: 390, height: 844 },
  });
  try {
    const safari = await iphone.newPage();
    await signIn(safari, uniqueEmail("install-ios"), "/profile");
    await expect(safari.getByTestId("install-card")).toContainText("Tippe in Safari auf „Teilen“ und dann auf „Zum Home-Bildschirm“.");
  } finally {
    await iphone.close();
  }
});

test("signing out leaves nothing of the shopper on the device: offline, the next person sees no balance", async ({ page, context }) => {
  await signIn(page, uniqueEmail("shared-device"), "/");
  await controlledByWorker(page);
  await expect
    .poll(() => page.evaluate(async () => Boolean(await (await caches.open("treue-pages")).match("/wallet"))), { timeout: 15_000 })
    .toBe(true);
  await page.goto("/profile");
  await page.getByRole("button", { name: "Abmelden" }).click();
  await expect(page).toHaveURL(/\/login/);

  await context.setOffline(true);
  try {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Du bist offline" })).toBeVisible();
    await expect(page.getByTestId("balance")).toHaveCount(0);
    await page.goto("/wallet");
    await expect(page.getByRole("heading", { level: 1, name: "Du bist offline" })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});
