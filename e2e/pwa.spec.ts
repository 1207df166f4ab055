// The installable app: a manifest a browser accepts, with icons and shortcuts that resolve.
import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

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

test("signed in and offline: the last copy of Home with a banner saying so", async ({ page, context }) => {
  await signIn(page, uniqueEmail("offline"), "/");
  await expect(page.getByRole("heading", { level: 1, name: "Hallo!" })).toBeVisible();
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload(); // from now on the worker controls the page and keeps a copy of what it fetches
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
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
