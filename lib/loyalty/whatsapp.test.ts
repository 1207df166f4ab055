import { describe, expect, it } from "vitest";
import { inboundKeyword, parseWhatsappTemplate, templateVariables, whatsappTemplateSchema } from "./whatsapp";

describe("WhatsApp templates", () => {
  it("fills each numbered variable with the member's values, in order", () => {
    expect(templateVariables({ "2": "{points} Punkte", "1": "Hallo {name}" }, { name: "Anna", points: 120 })).toEqual({ "1": "Hallo Anna", "2": "120 Punkte" });
    expect(Object.keys(templateVariables({ "10": "a", "2": "b", "1": "c" }, {}))).toEqual(["1", "2", "10"]);
  });

  it("never sends a placeholder's name or an empty variable", () => {
    expect(templateVariables({ "1": "{name}", "2": "Hi {unknown}!" }, { name: null })).toEqual({ "1": " ", "2": "Hi !" });
  });

  it("takes a content SID of HX and 32 hex digits and numbered variables only", () => {
    expect(whatsappTemplateSchema.safeParse({ contentSid: `HX${"a".repeat(32)}`, variables: { "1": "{name}" } }).success).toBe(true);
    expect(whatsappTemplateSchema.safeParse({ contentSid: `HX${"a".repeat(31)}`, variables: {} }).success).toBe(false);
    expect(whatsappTemplateSchema.safeParse({ contentSid: `MG${"a".repeat(32)}`, variables: {} }).success).toBe(false);
    expect(whatsappTemplateSchema.safeParse({ contentSid: `HX${"a".repeat(32)}`, variables: { name: "x" } }).success).toBe(false);
    expect(whatsappTemplateSchema.safeParse({ contentSid: `HX${"a".repeat(32)}`, variables: { "1": "  " } }).success).toBe(false);
    expect(parseWhatsappTemplate(null)).toBeNull();
  });
});

describe("keywords", () => {
  it.each(["STOP", "stop", " Stopp ", "STOPALL", "unsubscribe", "CANCEL", "END", "QUIT", "abmelden"])("%s stops", (word) => expect(inboundKeyword(word)).toBe("stop"));
  it.each(["START", "unstop", "Anmelden"])("%s starts", (word) => expect(inboundKeyword(word)).toBe("start"));
  it.each(["Bitte STOP", "stop it", "Starten", ""])("%s is a message", (word) => expect(inboundKeyword(word)).toBeNull());
});
