// The assistant's answers as the shopper reads them: the catalog messages rendered by next-intl's
// formatter, checked against figures computed by hand from the fixture (test-fixture.ts).
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../i18n/config";
import { FORMATS } from "../../i18n/formats";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import { respond, type AssistantAnswer } from "./answer";
import type { ShopperFacts } from "./facts";
import { actionLabel } from "./reply";
import { NOW, ORDERS, TIME_ZONE, rewardsFor, shopperFacts } from "./test-fixture";

const catalogs = { de, en };

/** A missing message or a wrong value fails the test instead of showing the key. */
function translator(locale: Locale) {
  return createTranslator({
    locale,
    messages: catalogs[locale] as never,
    namespace: "assistant" as never,
    timeZone: TIME_ZONE,
    formats: FORMATS,
    onError: (error) => {
      throw error;
    },
  }) as unknown as (key: string, values?: Record<string, string | number>) => string;
}

/** The sentences as shown; currency amounts carry a no-break space, compared here as a plain one. */
function render(answer: AssistantAnswer, locale: Locale): string[] {
  const t = translator(locale);
  return answer.lines.map((line) => t(line.key, line.values).replace(/[\u00a0\u202f]/g, " "));
}

function ask(message: string, locale: Locale, facts: ShopperFacts = shopperFacts()) {
  const { understood, answer } = respond(message, facts, locale);
  return { understood, answer, text: render(answer, locale) };
}

const HANDOVER = { kind: "handover" };

describe("balance and what it buys", () => {
  it("tells the points, the rewards they buy now and the next one to save for", () => {
    const de = ask("Wie viele Punkte habe ich?", "de");
    expect(de.text).toEqual(["Du hast 140 Punkte.", "Damit kannst du jetzt einlösen: 5 € Rabatt und Gratis-Versand.", "Für 10 € Rabatt fehlen dir noch 60 Punkte."]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/rewards" }, HANDOVER]);
    expect(ask("how many points do I have", "en").text).toEqual(["You have 140 points.", "That's enough to redeem: €5 off and Free shipping.", "You're 60 points away from €10 off."]);
  });

  it("formats numbers by the reader's language", () => {
    const rich = shopperFacts({ balance: 12_345, rewards: rewardsFor(12_345, 1).slice(3, 4) });
    expect(ask("Punktestand?", "de", rich).text[0]).toBe("Du hast 12.345 Punkte.");
    expect(ask("my balance?", "en", rich).text[0]).toBe("You have 12,345 points.");
  });

  it("says when nothing in the catalog is open to the shopper", () => {
    const none = shopperFacts({ balance: 0, rewards: rewardsFor(0, 1).slice(4) });
    expect(ask("Kontostand", "de", none).text).toEqual(["Du hast gerade keine Punkte.", "Im Prämienkatalog ist gerade nichts für dich dabei – schau bald wieder vorbei."]);
  });
});

describe("how to reach a tier: by spend, with the points that spend earns", () => {
  it("answers 'Wie viele Punkte brauche ich für Gold?' with the spend missing and its points (500 € − 320 € = 180 € = 180 points)", () => {
    const de = ask("Wie viele Punkte brauche ich für Gold?", "de");
    expect(de.understood).toMatchObject({ intent: "tier", entities: { tierId: "gold" } });
    expect(de.text).toEqual([
      "Gold erreichst du über deinen Einkaufswert, nicht über Punkte – dir fehlen noch 180,00 €.",
      "Es zählen deine Einkäufe der letzten 12 Monate – bisher 320,00 €.",
      "Mit diesen Einkäufen sammelst du außerdem 180 Punkte.",
    ]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/tiers" }, HANDOVER]);
    expect(ask("How many points do I need for gold?", "en").text).toEqual([
      "Gold comes with what you spend, not with points – you need to spend another €180.00.",
      "What counts is what you spent in the last 12 months: €320.00 so far.",
      "Those purchases also earn you 180 points.",
    ]);
  });

  it("takes the next tier when none is named, in the program's currency", () => {
    const chf = ask("Was fehlt mir zum nächsten Status?", "de", shopperFacts({ currency: "CHF" }));
    expect(chf.text[0]).toBe("Gold erreichst du über deinen Einkaufswert, nicht über Punkte – dir fehlen noch 180,00 CHF.");
    expect(chf.text.join(" ")).not.toContain("€");
  });

  it("says a tier held already, and until when (last 320 € moment 10 Feb 2026 + 30 days' grace)", () => {
    expect(ask("Bin ich schon Silber?", "de").text).toEqual(["Du bist schon Silber.", "Dein Silber-Status gilt bis 12. März 2026."]);
    expect(ask("what about silver status", "en").text).toEqual(["You're already Silver.", "Your Silver status lasts until March 12, 2026."]);
    expect(ask("Wie erreiche ich Bronze?", "de").text).toEqual(["Mit Silber hast du sogar schon einen höheren Status als Bronze.", "Dein Silber-Status gilt bis 12. März 2026."]);
  });

  it("says the top tier is reached (one 600 € order on 1 June 2025: Gold until 1 July 2026)", () => {
    const gold = shopperFacts({ recentOrders: [{ ...ORDERS[0]!, subtotalCents: 60_000, pointsEarned: 600 }] });
    expect(ask("nächste Stufe?", "de", gold).text).toEqual(["Du hast mit Gold den höchsten Status erreicht.", "Dein Gold-Status gilt bis 1. Juli 2026."]);
  });
});

describe("points expiring", () => {
  it("tells the next expiring points with their date in the program's time zone (22:30 UTC is the next day in Berlin)", () => {
    const de = ask("Wann verfallen meine Punkte?", "de");
    expect(de.text).toEqual(["Am 10. Juli 2025 verfallen 40 Punkte."]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/history" }, HANDOVER]);
    expect(ask("when do my points expire?", "en").text).toEqual(["40 points expire on July 10, 2025."]);
  });

  it("warns and points to the rewards when the whole balance lapses within the warning days", () => {
    const soon = shopperFacts({ expiry: { mode: "inactivity", at: new Date("2025-06-20T10:00:00Z") } });
    const de = ask("Laufen meine Punkte ab?", "de", soon);
    expect(de.text).toEqual(["Deine 140 Punkte bleiben bis zum 20. Juni 2025 gültig.", "Jede Bestellung und jede Einlösung verlängert sie.", "Tipp: Löse sie vorher gegen eine Prämie ein."]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/rewards" }, { kind: "link", href: "/history" }, HANDOVER]);
  });

  it("has nothing to expire without points", () => {
    expect(ask("Verfallen meine Punkte?", "de", shopperFacts({ balance: 0, expiry: null })).text).toEqual(["Du hast gerade keine Punkte, also kann auch nichts verfallen."]);
  });
});

describe("coupons", () => {
  it("finds a named coupon and says it was used, and when", () => {
    const de = ask("Ist mein Gutschein TREUE-7K3M-Q9XD-2HNV schon eingelöst?", "de");
    expect(de.text).toEqual(["Den Gutschein „5 € Rabatt“ (TREUE-7K3M-Q9XD-2HNV) hast du am 20. Mai 2025 eingelöst."]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/wallet" }, HANDOVER]);
    expect(ask("was my voucher treue-7k3m-q9xd-2hnv used?", "en").text).toEqual(["You used the coupon “€5 off” (TREUE-7K3M-Q9XD-2HNV) on May 20, 2025."]);
  });

  it("tells where a valid coupon is and until when, the code typed in any case", () => {
    expect(ask("ist sommer10 noch gültig?", "de").text).toEqual(["Dein Gutschein „10 € Rabatt“ (SOMMER10) ist bis zum 1. Juli 2025 gültig. Du findest ihn unter „Meine Prämien“."]);
  });

  it("lists the usable coupons when none is named", () => {
    expect(ask("Wo ist mein Gutschein?", "de").text).toEqual([
      "Du hast 1 gültigen Gutschein.",
      "Dein Gutschein „10 € Rabatt“ (SOMMER10) ist bis zum 1. Juli 2025 gültig. Du findest ihn unter „Meine Prämien“.",
    ]);
  });

  it("says so when a named code is not the shopper's", () => {
    expect(ask("Wo ist mein Gutschein XMAS-2024?", "de").text).toEqual(["Einen Gutschein mit dem Code XMAS-2024 finde ich in deinem Konto nicht."]);
  });
});

describe("earning more and referrals", () => {
  it("tells the rate, the best open tasks and the referral bonus", () => {
    const de = ask("Wie kann ich mehr Punkte sammeln?", "de");
    expect(de.text).toEqual([
      "Bei jedem Einkauf sammelst du 1 Punkt pro Euro.",
      "Zwischendurch warten 4 Aufgaben auf dich:",
      "Produkt bewerten: +50 Punkte",
      "Foto hochladen: +30 Punkte",
      "Kurze Umfrage: +20 Punkte",
      "Und für jede Freundin und jeden Freund, die du einlädst und die bestellen, bekommst du 500 Punkte.",
    ]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/tasks" }, { kind: "link", href: "/invite" }, HANDOVER]);
    expect(ask("how can I earn more points?", "en").text.slice(0, 3)).toEqual(["Every purchase earns you 1 point per euro.", "Between purchases, 4 tasks are waiting for you:", "Review a product: +50 points"]);
  });

  it("tells the invitations so far and what they earned", () => {
    expect(ask("Wie viele Freunde habe ich geworben?", "de").text).toEqual([
      "Deine Einladungen bisher: 3 eingeladen, 2 angemeldet, 1 bestellt.",
      "Dafür hast du schon 500 Punkte bekommen.",
      "Für jede Freundin und jeden Freund, die zum ersten Mal bestellen, bekommst du 500 Punkte.",
    ]);
    const paused = shopperFacts({ referral: { enabled: false, referrerPoints: 500, stats: { invited: 0, joined: 0, purchased: 0, pointsEarned: 0, pointsPending: 0 } } });
    expect(ask("did my referral work?", "en", paused).text).toEqual(["The referral program is paused right now."]);
  });
});

describe("missing points for an order", () => {
  it("finds an order that earned less than its rule pays (20 € at 1 point per euro = 20) and offers the claim", () => {
    const de = ask("Mir fehlen Punkte für meine Bestellung 10023", "de");
    expect(de.text).toEqual([
      "Für deine Bestellung 10023 vom 1. Juni 2025 über 20,00 € hast du keine Punkte bekommen – nach den Programmregeln sollten es mindestens 20 Punkte sein.",
      "Soll ich eine Anfrage an unser Team schicken? Es prüft die Bestellung und bucht fehlende Punkte nach.",
    ]);
    expect(de.answer.actions).toEqual([{ kind: "openClaim", orderId: "10023" }, HANDOVER]);
    // Without a number, the order that earned too little is the one it checks.
    expect(ask("I didn't get my points", "en").answer.actions).toEqual([{ kind: "openClaim", orderId: "10023" }, HANDOVER]);
  });

  it("says an unknown order is not in the account and offers the claim for it", () => {
    const de = ask("Bestellung #99999 hat keine Punkte gebracht", "de");
    expect(de.text[0]).toBe("Eine Bestellung 99999 finde ich in deinem Konto nicht – vielleicht wurde sie mit einer anderen E-Mail-Adresse bestellt oder ist noch nicht bezahlt.");
    expect(de.answer.actions).toEqual([{ kind: "openClaim", orderId: "99999" }, HANDOVER]);
    expect(ask("missing points for order 99999", "en").text[0]).toBe("I can't find an order 99999 in your account – maybe it was placed with a different email address or isn't paid yet.");
  });

  it("shows what a credited order earned and offers no claim", () => {
    const de = ask("Wo sind meine Punkte für Bestellung 10021?", "de");
    expect(de.text).toEqual(["Für deine Bestellung 10021 vom 10. Februar 2025 über 150,00 € hast du 150 Punkte bekommen – du findest sie in deinem Punkteverlauf."]);
    expect(de.answer.actions).toEqual([{ kind: "link", href: "/history" }, HANDOVER]);
  });

  it("explains an order below the minimum and one of items that earn nothing", () => {
    const small = { orderId: "20001", paidAt: new Date("2025-06-10T10:00:00Z"), subtotalCents: 800, items: [], pointsEarned: 0, refundedCents: 0, pointsClawedBack: 0 };
    const giftCard = { ...small, orderId: "20002", subtotalCents: 5_000, items: [{ quantity: 1, unit_price_cents: 5_000, category: "Geschenkkarten" }] };
    const facts = shopperFacts({ recentOrders: [small, giftCard] });
    expect(ask("Bestellung 20001 keine Punkte", "de", facts).text).toEqual(["Deine Bestellung 20001 vom 10. Juni 2025 liegt mit 8,00 € unter dem Mindestbestellwert von 10,00 €, ab dem es Punkte gibt."]);
    expect(ask("order 20002 no points", "en", facts).text).toEqual(["The items in your order 20002 from June 10, 2025 don't earn points in this program."]);
  });

  it("asks which order when all recent ones earned what they should", () => {
    const fine = shopperFacts({ recentOrders: ORDERS.slice(1) });
    const de = ask("Punkte fehlen", "de", fine);
    expect(de.text).toEqual([
      "Um welche Bestellung geht es? Das sind deine letzten:",
      "10022 vom 20. April 2025: 150 Punkte",
      "10021 vom 10. Februar 2025: 150 Punkte",
      "Fehlt eine? Nenn mir die Bestellnummer oder schick gleich eine Anfrage an unser Team.",
    ]);
    expect(de.answer.actions).toEqual([{ kind: "openClaim", orderId: null }, { kind: "link", href: "/history" }, HANDOVER]);
  });
});

describe("a person, greetings, and not being sure", () => {
  it("hands over at once when the shopper asks for a person", () => {
    const de = ask("Ich möchte mit einem Mitarbeiter sprechen", "de");
    expect(de.answer).toMatchObject({ intent: "human", sure: true, handOverNow: true, actions: [HANDOVER] });
    expect(de.text).toEqual(["Gern – ich gebe dein Anliegen an unser Team weiter. Jemand meldet sich hier bei dir."]);
    expect(ask("I want to talk to a human", "en").text).toEqual(["Sure – I'm passing this on to our team. Someone will reply to you here."]);
  });

  it("greets by name and says thanks", () => {
    expect(ask("Hallo", "de").text[0]).toMatch(/^Hallo Anna! Frag mich zum Beispiel/);
    expect(ask("thanks!", "en").text).toEqual(["You're welcome! If there's anything else, just ask."]);
  });

  it("says it is not sure, asks back with the likely topics and offers the person first", () => {
    const de = ask("Punkte", "de");
    expect(de.answer).toMatchObject({ intent: "unsure", sure: false, handOverNow: false });
    expect(de.text).toEqual(["Da bin ich mir nicht sicher, was du meinst. Geht es um eins davon? Sonst hole ich gern jemanden aus unserem Team dazu."]);
    expect(de.answer.actions).toEqual([HANDOVER, { kind: "ask", intent: "balance" }]);
  });

  it("says it has no answer to what it does not know, and offers the person", () => {
    const en = ask("What's the weather like?", "en");
    expect(en.answer).toMatchObject({ intent: "unknown", sure: false, actions: [HANDOVER] });
    expect(en.text).toEqual([
      "I'm not sure about that – I'm afraid I don't have an answer.",
      "I can help with your points and rewards, your status, expiring points, coupons, tasks, invitations and missing points.",
      "For anything else, I'm happy to bring in someone from our team.",
    ]);
  });

  it("offers the person on every answer, and every action has a label in both languages", () => {
    const messages = ["Punktestand", "Gold?", "verfallen", "Gutschein", "Aufgaben", "Empfehlung", "Punkte fehlen", "Mensch", "Hallo", "Danke", "Punkte", "???"];
    for (const locale of ["de", "en"] as const) {
      const t = translator(locale);
      for (const message of messages) {
        const { answer } = ask(message, locale);
        expect(answer.actions.filter((a) => a.kind === "handover"), message).toHaveLength(1);
        for (const action of answer.actions) expect(t(actionLabel(action)).length).toBeGreaterThan(3);
      }
    }
  });

  it("is computed at the facts' moment, not the clock's", () => {
    expect(shopperFacts().now).toEqual(NOW);
    const later = shopperFacts({ now: new Date("2025-07-05T10:00:00Z") });
    // Five days before the expiry the points are within the 14 warning days.
    expect(ask("Wann verfallen meine Punkte?", "de", { ...later, expiry: { mode: "inactivity", at: new Date("2025-07-10T10:00:00Z") } }).text.at(-1)).toBe(
      "Tipp: Löse sie vorher gegen eine Prämie ein.",
    );
  });
});
