import { describe, expect, it } from "vitest";
import { renderMerged } from "./mail-merge";
import { renderNotificationMail, type MailFrame } from "./render-mail";

const frame: MailFrame = {
  locale: "de",
  name: "Anna",
  shopName: "Fellfreunde",
  branding: {},
  baseUrl: "https://treue.example",
  timeZone: "Europe/Berlin",
  marketing: true,
  unsubscribeUrl: "https://treue.example/unsubscribe/u.anna.sig",
  preferencesUrl: "https://treue.example/profile#email",
};
const campaign = { kind: "campaign", params: { title_de: "Sommerfest, {name}!", body_de: "Doppelte Punkte." } };
const own = { de: { subject: "Sommerfest, {name}!", body: "Hallo {name}, doppelte Punkte am Samstag." } };

describe("renderMerged", () => {
  it("gives what rendering each mail on its own gives", async () => {
    const direct = await renderNotificationMail(campaign, frame, "https://treue.example/api/mail/click/k.1", own);
    const merged = await renderMerged(campaign, frame, "https://treue.example/api/mail/click/k.1", own);
    expect(merged.subject).toBe(direct.subject);
    expect(merged.text).toBe(direct.text);
    // All but the inbox preview's invisible padding, whose length follows the template's text.
    const unpadded = (html: string) => html.replace(/<div>[^<]*<\/div>/, "");
    expect(unpadded(merged.html)).toBe(unpadded(direct.html));
  });

  it("fills in each member's name and links into the shared template, escaped for HTML", async () => {
    await renderMerged(campaign, frame, "https://treue.example/api/mail/click/k.1", own);
    const zoe = await renderMerged(campaign, { ...frame, name: "Zoë & <Jo>", unsubscribeUrl: "https://treue.example/unsubscribe/u.zoe.sig" }, "https://treue.example/api/mail/click/k.2", own);
    expect(zoe.subject).toBe("Sommerfest, Zoë & <Jo>!");
    expect(zoe.html).toContain("Hallo Zoë &amp; &lt;Jo&gt;, doppelte Punkte am Samstag.");
    expect(zoe.html).not.toContain("Anna");
    expect(zoe.html).toContain('href="https://treue.example/api/mail/click/k.2"');
    expect(zoe.html).toContain('href="https://treue.example/unsubscribe/u.zoe.sig"');
    expect(zoe.text).toContain("Hallo Zoë & <Jo>,");
  });

  it("greets a member without a name without the stand-in", async () => {
    const nameless = await renderMerged(campaign, { ...frame, name: null }, "https://treue.example/c", own);
    expect(nameless.text).toContain("Hallo,");
    expect(nameless.html).not.toContain("TREUEMERGE");
  });

  it("gives each mail its own open-tracking image when tracking is on", async () => {
    const tracked = { ...frame, openPixelUrl: "https://treue.example/api/mail/open/o.1.sig" };
    await renderMerged(campaign, tracked, "https://treue.example/c", own);
    const second = await renderMerged(campaign, { ...tracked, openPixelUrl: "https://treue.example/api/mail/open/o.2.sig" }, "https://treue.example/c", own);
    expect(second.html).toContain('src="https://treue.example/api/mail/open/o.2.sig"');
    expect(second.html).not.toContain("o.1.sig");
    expect((await renderMerged(campaign, frame, "https://treue.example/c", own)).html).not.toContain("/api/mail/open/");
  });
});
