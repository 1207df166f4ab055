// Signs in the demo shopper through the local mailbox, as a person would, and returns the
// browser's cookies: the benches measure signed-in screens.
import type { Browser, Cookie } from "@playwright/test";

export async function demoShopperCookies(browser: Browser, base: string): Promise<Cookie[]> {
  const context = await browser.newContext({ locale: "de-DE" });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel("E-Mail-Adresse").fill("anna@demo.treue.shop");
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await page.getByRole("heading", { name: "Schau in dein Postfach" }).waitFor();
    await page.goto(`${base}/dev/mailbox?to=anna@demo.treue.shop`);
    await page.getByRole("link", { name: "Anmeldelink öffnen" }).first().click();
    await page.getByTestId("balance").waitFor();
    return await context.cookies();
  } finally {
    await context.close();
  }
}
