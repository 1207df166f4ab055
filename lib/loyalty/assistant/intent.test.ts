import { describe, expect, it } from "vitest";
import { understand, UNSURE_BELOW, type Intent } from "./intent";
import { TIERS } from "./test-fixture";

const vocabulary = { tiers: TIERS, couponCodes: ["TREUE-7K3M-Q9XD-2HNV", "SOMMER10"], orderIds: ["10023", "SW-5521"] };

// Informal and formal, German and English, questions and statements, typos, umlauts typed three ways.
const phrasings: Record<Exclude<Intent, "unknown" | "unsure">, string[]> = {
  balance: [
    "Wie viele Punkte habe ich?",
    "wieviele punkte hab ich",
    "Wieviele Pukte hab ich", // typo
    "Was ist mein Punktestand?",
    "Wie viele Punkte habe ich bei Ihnen?",
    "Sehr geehrte Damen und Herren, wie hoch ist mein Kontostand?",
    "Was kann ich mir mit meinen Punkten leisten?",
    "Welche Prämien gibt es?",
    "Hallo, wie viele Punkte habe ich?",
    "how many points do I have",
    "whats my balance",
    "Could you please tell me my current points balance?",
    "What can I get for my points?",
  ],
  tier: [
    "Wie viele Punkte brauche ich für Gold?",
    "Wie viel Punkte brauch ich fur Gold", // umlaut dropped
    "wieviele punkte brauche ich fuer gold", // umlaut as ue
    "Wie viele Punkte fehlen mir noch bis Gold?",
    "Was fehlt mir zum nächsten Status?",
    "Wie viel muss ich noch einkaufen für Silber?",
    "Was bringt mir Gold?",
    "how much more to reach silver",
    "How many points do I need for gold?",
    "what's the next tier",
    "hey how many points til gold",
    "Verfällt mein Status?",
    "How do I level up?",
  ],
  expiry: [
    "Wann verfallen meine Punkte?",
    "verfallen meine punkte bald",
    "Wie lange sind meine Punkte gültig?",
    "wie lange sind meine punkte gueltig",
    "Laufen meine Punkte ab?",
    "Können Sie mir sagen, wann meine Punkte verfallen?",
    "when do my points expire",
    "Will I lose my points?",
    "how long are my points valid",
  ],
  coupon: [
    "Wo ist mein Gutschein?",
    "Ist mein Gutschein TREUE-7K3M-Q9XD-2HNV schon eingelöst?",
    "Wann läuft mein Gutschein ab?",
    "Mein Gutschein funktioniert nicht",
    "Wo finde ich meinen Gutscheincode?",
    "Gutscheincode SOMMER10 geht nicht",
    "where is my coupon",
    "was my voucher used?",
    "is my code TREUE-7K3M-Q9XD-2HNV still valid",
  ],
  earn: [
    "Wie kann ich mehr Punkte sammeln?",
    "Wie bekomme ich Punkte ohne Einkauf",
    "Welche Aufgaben gibt es?",
    "Wie viele Punkte bekomme ich pro Euro?",
    "Ich möchte mehr Punkte verdienen.",
    "how can I earn more points",
    "any tasks?",
  ],
  referral: [
    "Wie viele Freunde habe ich geworben?",
    "Hat meine Empfehlung geklappt?",
    "Status meiner Einladungen",
    "Wann bekomme ich die Punkte für meine Empfehlung?",
    "did my friend sign up with my referral",
    "how many friends have I invited",
  ],
  missingPoints: [
    "Mir fehlen Punkte für meine Bestellung 10023",
    "Ich habe für Bestellung #55123 keine Punkte bekommen",
    "Punkte wurden nicht gutgeschrieben",
    "Warum habe ich so wenig Punkte bekommen?",
    "Meine Bestellung 10023 hat keine Punkte gebracht.",
    "I didn't get points for order 10023",
    "missing points for my last order",
    "where are my points from order #10023",
  ],
  human: [
    "Ich möchte mit einem Mitarbeiter sprechen",
    "Kann ich mit einem Menschen reden?",
    "Kann ich bitte einen Mitarbeiter sprechen?",
    "Könnten Sie mich bitte mit einem Ansprechpartner verbinden?",
    "agent please",
    "I want to talk to a human",
    "I would like to speak with a customer service representative",
  ],
  greeting: ["Hallo", "Guten Morgen!", "Moin", "hi there", "Hello"],
  thanks: ["Danke!", "Vielen Dank, super", "dankeschön", "thanks a lot", "Thank you!"],
};

describe("understand", () => {
  for (const [intent, messages] of Object.entries(phrasings)) {
    it.each(messages)(`reads "%s" as ${intent}`, (message) => {
      const understood = understand(message, vocabulary);
      expect(understood.intent).toBe(intent);
      expect(understood.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
    });
  }

  it("reads nothing it knows as unknown, with no confidence", () => {
    for (const message of ["Wie ist das Wetter?", "asdf", "", "What's the weather like?"]) expect(understand(message, vocabulary)).toMatchObject({ intent: "unknown", confidence: 0 });
  });

  it("is unsure when the cue is weak or two topics are equally likely, and names them", () => {
    expect(understand("Punkte", vocabulary)).toMatchObject({ intent: "unsure", candidates: ["balance"] });
    const torn = understand("Wo sehe ich meine Prämien?", vocabulary);
    expect(torn.intent).toBe("unsure");
    expect(torn.confidence).toBeLessThan(UNSURE_BELOW);
    expect([...torn.candidates].sort()).toEqual(["balance", "coupon"]);
  });

  it("does not take a similar word for a cue: 'meine' is not 'keine', 'werden' not 'werben'", () => {
    expect(understand("Punkte werden nicht gutgeschrieben", vocabulary).intent).toBe("missingPoints");
    expect(understand("Laufen meine Punkte ab?", vocabulary).intent).toBe("expiry");
  });

  it("tells the language a message is written in", () => {
    expect(understand("Wie viele Punkte habe ich?", vocabulary).language).toBe("de");
    expect(understand("how many points do I have", vocabulary).language).toBe("en");
    expect(understand("Gold?", vocabulary).language).toBeNull();
  });
});

describe("entities", () => {
  const entities = (message: string) => understand(message, vocabulary).entities;

  it("matches a tier by its German or English name, in any case, with a typo in a long name", () => {
    expect(entities("Wie erreiche ich Silber?").tierId).toBe("silver");
    expect(entities("how do I get to SILVER").tierId).toBe("silver");
    expect(entities("gold status").tierId).toBe("gold");
    expect(entities("Wie komme ich zu Silbr?").tierId).toBe("silver");
    // Four letters forgive no typo: "Geld" is money, not Gold.
    expect(entities("Wo ist mein Geld?").tierId).toBeNull();
  });

  it("prefers the longer of two tier names that both fit", () => {
    const tiers = [...TIERS, { id: "gold-plus", name: { de: "Gold Plus", en: "Gold Plus" } }];
    expect(understand("Was fehlt mir für Gold Plus?", { tiers }).entities.tierId).toBe("gold-plus");
  });

  it("finds the shopper's own coupon code however it is typed", () => {
    expect(entities("ist sommer10 noch gültig").couponCode).toBe("SOMMER10");
    expect(entities("Gutschein treue 7k3m q9xd 2hnv?").couponCode).toBe("TREUE-7K3M-Q9XD-2HNV");
  });

  it("takes what looks like a code, not a word with a dash or a year", () => {
    expect(entities("Gutschein XMAS-2024 geht nicht").couponCode).toBe("XMAS-2024");
    expect(entities("Ich habe keine E-Mail mit dem Gutschein bekommen").couponCode).toBeNull();
    expect(entities("Gutschein vom Dezember 2024").couponCode).toBeNull();
  });

  it("finds an order number after the word for order, after #, or as one of the shopper's own", () => {
    expect(entities("Bestellung #55123 fehlt").orderId).toBe("55123");
    expect(entities("Bestellnr. 77881 hat keine Punkte").orderId).toBe("77881");
    expect(entities("order number: SW10023").orderId).toBe("SW10023");
    expect(entities("Mir fehlen Punkte für sw-5521").orderId).toBe("SW-5521");
    expect(entities("Mir fehlen Punkte für 10023").orderId).toBe("10023");
    // A number that is neither after "Bestellung" nor the shopper's own order is just a number.
    expect(entities("Ich habe 1000 Punkte").orderId).toBeNull();
    expect(entities("Bestellung vom 3. Mai").orderId).toBeNull();
  });

  it("does not take the order number for a coupon code", () => {
    expect(entities("Bestellung SW10023 ohne Punkte")).toMatchObject({ orderId: "SW10023", couponCode: null });
  });
});
