// What an outsider tried, in a real browser: links that lead off the site, forms on other sites
// that act in a shopper's or staff member's name, staff data left on a shared computer, and a
// session that outlives the member's erasure.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { sharedAccountPage, signIn, uniqueEmail } from "./helpers";

const OWNER = "owner@demo.treue.shop";

/** A page on another site (localhost, where the app is 127.0.0.1): serves `html` at "/". */
async function otherSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function inviteCodeOf(page: Page): Promise<string> {
  await page.goto("/invite");
  const link = await page.getByTestId("invite-link").inputValue();
  return link.split("/r/")[1]!;
}

test("a sign-in link never leads to another site, however its target is spelled", async ({ page, baseURL }) => {
  await signIn(page, uniqueEmail("redirect"), "/");
  await expect(page.getByTestId("balance")).toBeVisible();
  const own = new URL(baseURL!).origin;
  for (const target of ["/%09/evil.example", "/%5C/evil.example", "%2F%2Fevil.example", "https://evil.example/", `${own}//evil.example/`]) {
    const answer = await page.request.get(`/login?callbackUrl=${target}`, { maxRedirects: 0 });
    expect(answer.status(), target).toBeGreaterThanOrEqual(300);
    const location = answer.headers()["location"]!;
    // Resolved as the browser would resolve it: still this site.
    expect(new URL(location, baseURL).origin, `${target} → ${JSON.stringify(location)}`).toBe(own);
  }
  await page.goto("/login?callbackUrl=/%09/evil.example");
  expect(new URL(page.url()).origin).toBe(own);
});

test("a form on another site can neither plant a referral nor use up a shopper's sign-in links", async ({ page, browser, baseURL, request }) => {
  await signIn(page, uniqueEmail("inviter"), "/");
  const code = await inviteCodeOf(page);
  const victim = uniqueEmail("victim");
  const site = await otherSite(`<!doctype html><form method="post" action="${baseURL}/api/auth/signin/email">
    <input name="email" value="${victim}"><input name="referral" value="${code}"><input name="callbackUrl" value="/wallet">
    </form><script>document.forms[0].submit()</script>`);
  const context = await browser.newContext({ locale: "de-DE" });
  try {
    const tab = await context.newPage();
    const refused = tab.waitForResponse((r) => r.url().startsWith(`${baseURL}/api/auth/signin/email`));
    await tab.goto(site.url);
    expect((await refused).status()).toBe(403);
    expect((await context.cookies(baseURL)).map((c) => c.name)).not.toContain("treue_ref");
  } finally {
    await context.close();
    await site.close();
  }

  // Without Origin (not a browser, or one that left it out) the CSRF token decides, before anything is counted.
  for (let i = 0; i < 6; i++) {
    const answer = await request.post("/api/auth/signin/email", { form: { email: victim, referral: code }, maxRedirects: 0 });
    expect(answer.status()).toBe(303);
    expect(answer.headers()["location"]).toMatch(/\/login\?csrf=true$/);
    expect(answer.headers()["set-cookie"] ?? "").not.toContain("treue_ref");
  }
  // The victim's own sign-in still works: none of those six counted against the address's five links.
  const fresh = await browser.newContext({ locale: "de-DE" });
  try {
    const own = await fresh.newPage();
    await own.goto("/login");
    await own.getByLabel("E-Mail-Adresse").fill(victim);
    await own.getByRole("button", { name: "Anmeldelink senden" }).click();
    await expect(own.getByRole("heading", { name: "Schau in dein Postfach" })).toBeVisible();
  } finally {
    await fresh.close();
  }
});

test("the e-mail sign-in's checks hold on every path next-auth answers it on, and a list of addresses gets no link", async ({ request }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  // next-auth reads only /signin/email of this path: the address check, the limits and the CSRF check come first all the same.
  for (const path of ["/api/auth/signin/email", "/api/auth/signin/email/x"]) {
    const answer = await request.post(path, { form: { email: "anna@example.com, ben@example.com", csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
    expect(answer.status(), path).toBe(303);
    expect(answer.headers()["location"], path).toMatch(/\/login\?error=InvalidEmail/);
  }
});

test("console changes are refused when another site sends them in a staff member's name", async ({ browser, baseURL }) => {
  const owner = await sharedAccountPage(browser, OWNER, "/console");
  try {
    const foreign = await owner.request.post("/api/console/members.adjust", { data: {}, headers: { origin: "https://evil.example" } });
    expect(foreign.status()).toBe(403);
    expect(await foreign.json()).toMatchObject({ type: "urn:treue:problem:forbidden", status: 403 });
    const sibling = await owner.request.post("/api/console/members.adjust", { data: {}, headers: { "sec-fetch-site": "same-site" } });
    expect(sibling.status()).toBe(403);
    // From the console's own page the same request reaches the action (and its input check).
    const own = await owner.request.post("/api/console/members.adjust", { data: {}, headers: { origin: new URL(baseURL!).origin } });
    expect(own.status()).toBe(400);
  } finally {
    await owner.context().close();
  }
});

test("staff screens are never kept on the device, and signing out of the console clears what it kept", async ({ browser }) => {
  const owner = await sharedAccountPage(browser, OWNER, "/console/members");
  try {
    await owner.evaluate(async () => void (await navigator.serviceWorker.ready));
    await owner.reload();
    await expect.poll(() => owner.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Member search (page, its data and the API) and a shopper screen of the owner's own.
    await owner.goto("/console/members?q=anna");
    await owner.evaluate(() => fetch("/api/console/members?q=anna").then((r) => r.json()));
    await owner.goto("/wallet");
    await expect.poll(() => owner.evaluate(async () => Boolean(await (await caches.open("treue-pages")).match("/wallet"))), { timeout: 15_000 }).toBe(true);
    const keptPaths = () =>
      owner.evaluate(async () => {
        const paths: string[] = [];
        for (const name of await caches.keys()) {
          if (name === "treue-shell" || name.startsWith("workbox-precache")) continue; // the same for everyone
          for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
        }
        return paths;
      });
    const kept = await keptPaths();
    expect(kept).toContain("/wallet");
    expect(kept.filter((path) => /^\/(console|staff)(\/|$)|^\/api\/(console|photos)\//.test(path))).toEqual([]);

    await owner.goto("/console");
    await owner.getByRole("button", { name: "Abmelden" }).click();
    await expect(owner).toHaveURL(/\/login/);
    // The device may keep sign-in pages fetched since (a screen asked for signed out is the sign-in page), but
    // nothing of the staff member's: no screen of theirs, no console.
    const personal = await owner.evaluate(async (email) => {
      const found: string[] = [];
      for (const name of await caches.keys()) {
        if (name === "treue-shell" || name.startsWith("workbox-precache")) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const body = (await (await cache.match(request))?.text()) ?? "";
          if (body.includes(email) || body.includes('data-testid="balance"') || /^\/(console|staff|wallet)(\/|$)/.test(new URL(request.url).pathname)) found.push(`${name} ${request.url}`);
        }
      }
      return found;
    }, OWNER);
    expect(personal).toEqual([]);
  } finally {
    await owner.context().close();
  }
});

test("an erased shopper's session ends at once, on every screen and API", async ({ page, browser }) => {
  const email = uniqueEmail("erase-me");
  await signIn(page, email, "/");
  await expect(page.getByTestId("balance")).toBeVisible();
  const owner = await sharedAccountPage(browser, OWNER, "/console");
  try {
    const found = (await (await owner.request.get(`/api/console/members?q=${encodeURIComponent(email)}`)).json()) as { hits: { id: string; email: string }[] };
    const member = found.hits.find((hit) => hit.email === email)!;
    const erased = await owner.request.post("/api/console/members.erase", { data: { memberId: member.id, confirmEmail: email } });
    expect(erased.status()).toBe(200);
  } finally {
    await owner.context().close();
  }
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me/state")).status()).toBe(401);
});
