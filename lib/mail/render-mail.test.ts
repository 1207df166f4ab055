import { describe, expect, it } from "vitest";
import { renderConsentMail, renderNotificationMail, type MailFrame } from "./render-mail";

const frame: MailFrame = {
  locale: "de",
  name: "Anna",
  shopName: "Fellfreunde",
  branding: { primaryColor: "#7c2d12", imprintUrl: "https://fellfreunde.example/impressum", logoUrl: "/api/reward-images/00000000-0000-4000-8000-000000000000.webp" },
  baseUrl: "https://treue.fellfreunde.example",
  timeZone: "Europe/Berlin",
  marketing: false,
  unsubscribeUrl: "https://treue.fellfreunde.example/unsubscribe/u.x.y",
  preferencesUrl: "https://treue.fellfreunde.example/profile#email",
};
const expiring = { kind: "points_expiring", params: { points: 120, expiresAt: "2026-12-31T23:30:00Z" } };

describe("renderNotificationMail", () => {
  it("writes the built-in text in the member's language, with the date in the program's time zone", async () => {
    const mail = await renderNotificationMail(expiring, frame, "https://treue.fellfreunde.example/api/mail/click/k.1");
    // 23:30 UTC on 31 December is already 1 January in Berlin.
    expect(mail.subject).toBe("120 Punkte verfallen am 1. Januar");
    expect(mail.text).toContain("Hallo Anna,");
    expect(mail.text).toContain("Diese Art E-Mail abbestellen https://treue.fellfreunde.example/unsubscribe/u.x.y");
    expect(mail.html).toContain('lang="de"');
    expect(mail.html).toContain("background-color:#7c2d12");
    // Mail clients load nothing relative: the uploaded logo gets the app's address.
    expect(mail.html).toContain('src="https://treue.fellfreunde.example/api/reward-images/');
    expect(mail.html).toContain('href="https://fellfreunde.example/impressum"');
  });

  it("speaks English to an English member and greets without a name when there is none", async () => {
    const mail = await renderNotificationMail(expiring, { ...frame, locale: "en", name: null }, "https://x.example/c");
    expect(mail.subject).toBe("120 points expire on January 1");
    expect(mail.text).toContain("Hi,");
  });

  it("uses the shop's own words where it wrote them, part by part, with placeholders filled", async () => {
    const own = { de: { subject: "Schnell, {name}: {points} Punkte!" } };
    const mail = await renderNotificationMail(expiring, frame, "https://x.example/c", own);
    expect(mail.subject).toBe("Schnell, Anna: 120 Punkte!");
    expect(mail.text).toContain("120 deiner Punkte verfallen am 1. Januar."); // the built-in body stays
    const english = await renderNotificationMail(expiring, { ...frame, locale: "en" }, "https://x.example/c", own);
    expect(english.subject).toBe("120 points expire on January 1");
  });

  it("says why a marketing mail came", async () => {
    const mail = await renderNotificationMail({ kind: "reward_available", params: { reward_de: "5 € Rabatt", reward_en: "€5 off", balance: 300 } }, { ...frame, marketing: true }, "https://x.example/c");
    expect(mail.subject).toBe("Jetzt einlösbar: 5 € Rabatt");
    expect(mail.text).toContain("weil du Angebote von Fellfreunde per E-Mail bestellt hast");
  });
});

describe("renderConsentMail", () => {
  it("asks for the confirmation with one button and no unsubscribe link", async () => {
    const mail = await renderConsentMail(frame, "https://treue.fellfreunde.example/consent/c.1.2.sig");
    expect(mail.subject).toBe("Bitte bestätige: Angebote von Fellfreunde per E-Mail");
    expect(mail.html).toContain('href="https://treue.fellfreunde.example/consent/c.1.2.sig"');
    expect(mail.text).not.toContain("abbestellen");
  });
});
