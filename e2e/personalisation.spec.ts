import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// The demo shop's two shoppers: Anna buys bikes, clothes and bags, Ben buys tents.
test("Home suggests a different next reward to shoppers with different baskets, and the catalog leads with it", async ({ browser }) => {
  const anna = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await signIn(anna, "anna@demo.treue.shop");
  await expect(anna.getByTestId("next-reward-name")).toHaveText("Trinkflasche Gipfelglück");

  const ben = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await signIn(ben, "ben@demo.treue.shop");
  await expect(ben.getByRole("heading", { level: 1, name: "Hallo, Ben!" })).toBeVisible();
  await expect(ben.getByTestId("next-reward-name")).toHaveText("Zeltlampe mit USB");
  await expect(ben.getByTestId("next-reward")).toContainText(/Noch \d+ Punkte/);

  // Review what he bought last: the link opens the review with that product chosen.
  const prompt = ben.getByTestId("review-prompt");
  await expect(prompt).toContainText("Wie gefällt dir dein Einkauf?");
  await prompt.getByRole("link", { name: "Alu-Heringe (12 Stück)" }).click();
  await expect(ben.getByLabel("Welches Produkt?")).toHaveValue("HERINGE-ALU");

  // His tasks lead with the one about tents.
  await ben.goto("/tasks");
  await expect(ben.getByRole("region", { name: "Jetzt möglich" }).getByRole("heading", { level: 3 }).first()).toHaveText("Foto hochladen");

  await ben.goto("/rewards");
  await expect(ben.getByRole("heading", { level: 2 }).first()).toHaveText("Zeltlampe mit USB");
  await anna.goto("/rewards");
  await expect(anna.getByRole("heading", { level: 2 }).first()).toHaveText("Trinkflasche Gipfelglück");
});
