import { describe, expect, it } from "vitest";
import { replyRoute, type ReplyRouteInput } from "./conversation-channel";

const now = new Date("2026-12-07T12:00:00Z");
const base: ReplyRouteInput = { channel: "app", lastShopperWhatsappAt: null, whatsappConsent: false, smsConsent: false, hasPhone: true, whatsappConfigured: true, smsConfigured: true, canPush: true, canEmail: true };

describe("replyRoute", () => {
  it("answers WhatsApp on WhatsApp inside the 24-hour window only", () => {
    const wa = { ...base, channel: "whatsapp" as const, whatsappConsent: true };
    expect(replyRoute({ ...wa, lastShopperWhatsappAt: new Date("2026-12-06T12:00:01Z") }, now)).toBe("whatsapp");
    expect(replyRoute({ ...wa, lastShopperWhatsappAt: new Date("2026-12-06T12:00:00Z") }, now)).toBe("push");
    expect(replyRoute({ ...wa, lastShopperWhatsappAt: new Date("2026-12-07T11:00:00Z"), whatsappConsent: false }, now)).toBe("push");
    expect(replyRoute({ ...wa, lastShopperWhatsappAt: new Date("2026-12-07T11:00:00Z"), whatsappConfigured: false }, now)).toBe("push");
  });

  it("answers a text message by text while the shopper consents", () => {
    expect(replyRoute({ ...base, channel: "sms", smsConsent: true }, now)).toBe("sms");
    expect(replyRoute({ ...base, channel: "sms", smsConsent: false }, now)).toBe("push");
  });

  it("falls back from push to e-mail to nothing", () => {
    expect(replyRoute({ ...base, canPush: false }, now)).toBe("email");
    expect(replyRoute({ ...base, canPush: false, canEmail: false }, now)).toBeNull();
  });
});
