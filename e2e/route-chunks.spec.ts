// A screen's own code is named in its HTML, so a phone fetches it with the framework's code instead
// of discovering it only once that has run (scripts/patch-next-flight-context.mjs).
import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

/** The screen's own scripts (layouts, page, error boundary) the browser loaded for `path`. */
async function ownScripts(page: Page, path: string): Promise<string[]> {
  const loaded: string[] = [];
  const onRequest = (request: { url: () => string }) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/_next/static/chunks/app/")) loaded.push(url.pathname);
  };
  page.on("request", onRequest);
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  page.off("request", onRequest);
  return loaded;
}

/** The scripts the server's HTML itself asks for. */
async function scriptsInHtml(page: Page, path: string): Promise<string[]> {
  const html = await (await page.request.get(path)).text();
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => decodeURI(m[1]!));
}

test("each screen's own scripts are in its HTML: none is found only after the framework's code ran", async ({ page }) => {
  // Signed out first: the sign-in page.
  const signInScripts = await ownScripts(page, "/login");
  expect(signInScripts.some((s) => s.includes("/login/page-"))).toBe(true);
  expect(await scriptsInHtml(page, "/login")).toEqual(expect.arrayContaining(signInScripts));

  await signIn(page, uniqueEmail("chunks"));
  for (const path of ["/", "/profile", "/tasks", "/tiers"]) {
    const loaded = await ownScripts(page, path);
    // The signed-in frame's layout at least, and the page's own code where it has some.
    expect(loaded.some((s) => s.includes("/(app)/layout-")), path).toBe(true);
    expect(await scriptsInHtml(page, path), path).toEqual(expect.arrayContaining(loaded));
  }
});
