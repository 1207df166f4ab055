import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import { adjustPointsSchema, moderationSchema, programSettingsSchema, rewardSchema, staffInviteSchema } from "./console";
import type { z } from "zod";
import { localizedIssues, type Translate } from "./issue-message";

const translate = (locale: "de" | "en") => createTranslator({ locale, messages: locale === "de" ? de : en, namespace: "console" }) as unknown as Translate;
const errors = (schema: z.ZodType, input: unknown, locale: "de" | "en", currency?: string) =>
  Object.fromEntries(localizedIssues(schema.safeParse(input, { reportInput: true }).error!.issues, translate(locale), { locale, currency }).reverse().map((e) => [e.pointer, e.detail]));

const reward = { id: "gutschein-5", kind: "amount_off", name: { de: "A", en: "A" }, description: { de: "B", en: "B" }, pointsCost: 500, valueCents: 500 };
const member = "7b0e6f0e-6a5f-4a55-9d5e-0c4c3f2f4a11";
const RAW = /expected|Too (small|big)|Invalid|9007199254740991|i18n:/;

describe("form messages from the catalogs", () => {
  it("gives a huge number the field's own limit in the page's language, never the safe-integer bound", () => {
    const huge = errors(adjustPointsSchema, { memberId: member, points: 99999999999999999999, reason: "Kulanz", requestId: member }, "de");
    expect(huge["/points"]).toBe("Höchstens 1.000.000 Punkte.");
    const english = errors(adjustPointsSchema, { memberId: member, points: 99999999999999999999, reason: "Goodwill", requestId: member }, "en");
    expect(english["/points"]).toBe("At most 1,000,000 points.");
  });

  it("says what to enter for empty, broken and fractional numbers and short reasons", () => {
    const de1 = errors(adjustPointsSchema, { memberId: member, points: undefined, reason: "x", requestId: member }, "de");
    expect(de1).toEqual({ "/points": "Bitte ausfüllen.", "/reason": "Bitte gib einen Grund mit mindestens 3 Zeichen an." });
    expect(errors(adjustPointsSchema, { memberId: member, points: Number.NaN, reason: "abc", requestId: member }, "en")["/points"]).toBe("Please enter a number.");
    expect(errors(adjustPointsSchema, { memberId: member, points: 1.5, reason: "abc", requestId: member }, "en")["/points"]).toBe("Please enter a whole number without decimals.");
    expect(errors(adjustPointsSchema, { memberId: member, points: 0, reason: "abc", requestId: member }, "en")["/points"]).toBe("A correction of 0 points changes nothing.");
  });

  it("words money limits in the program's currency and the reward's own rules in the reader's language", () => {
    const de1 = errors(rewardSchema, { ...reward, id: "Gutschein 5", valueCents: 99_999_999_00, name: { de: "", en: "A" } }, "de", "EUR");
    expect(de1["/valueCents"]).toMatch(/^Höchstens 10\.000,00\s€\.$/);
    expect(de1["/id"]).toBe("Nur Kleinbuchstaben, Ziffern und Bindestriche, höchstens 40 Zeichen, z. B. gutschein-5.");
    expect(de1["/name/de"]).toBe("Bitte ausfüllen.");
    const en1 = errors(rewardSchema, { ...reward, kind: "points_off", valueCents: null, pointsCost: 100, stepValueCents: 50, minValueCents: 225, maxValueCents: null }, "en", "EUR");
    expect(en1["/minValueCents"]).toBe("The minimum must be a multiple of the step (€0.50).");
    expect(en1["/maxValueCents"]).toBe("How much off at most per redemption?");
  });

  it("never lets library text through, in either language", () => {
    for (const locale of ["de", "en"] as const) {
      const all = [
        ...Object.values(errors(programSettingsSchema, { name: "", referralRule: { referrerPoints: -500, friendDiscountCents: 1e22 }, pointValueMilliCents: "x", branding: { shopUrl: "ftp://x", primaryColor: "rot" } }, locale)),
        ...Object.values(errors(staffInviteSchema, { email: "nobody", role: "boss" }, locale)),
        ...Object.values(errors(rewardSchema, { id: 5, kind: "nope", availableFrom: "gestern" }, locale)),
      ];
      expect(all.length).toBeGreaterThan(8);
      for (const message of all) expect(message).not.toMatch(RAW);
    }
    expect(errors(moderationSchema, { decision: "reject", reason: "" }, "en")).toEqual({ "/submissionIds": "Please choose at least one entry.", "/reason": "Please give a reason of at least 3 characters." });
    expect(errors(staffInviteSchema, { email: "nobody", role: "owner" }, "de")["/email"]).toBe("Bitte gib eine E-Mail-Adresse ein, z. B. name@mein-shop.de.");
    expect(errors(programSettingsSchema, { name: "x", referralRule: { referrerPoints: -500 }, pointValueMilliCents: 100, branding: {} }, "de")["/referralRule/referrerPoints"]).toBe("Mindestens 1 Punkt.");
  });
});
