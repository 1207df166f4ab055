import { describe, expect, it } from "vitest";
import { candidateUrls, twilioSignature, verifyTwilioSignature } from "./signature";

// The example in Twilio's webhook security guide: this URL, these parameters, Auth Token 12345.
const DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const DOC_PARAMS = new URLSearchParams({ CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" });
const DOC_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

describe("Twilio's request signature", () => {
  it("matches the example Twilio documents", () => {
    expect(twilioSignature("12345", DOC_URL, DOC_PARAMS)).toBe(DOC_SIGNATURE);
    expect(verifyTwilioSignature("12345", DOC_SIGNATURE, [DOC_URL], DOC_PARAMS)).toBe(true);
  });

  it("does not depend on the order the parameters arrive in", () => {
    const shuffled = new URLSearchParams([...DOC_PARAMS].reverse());
    expect(twilioSignature("12345", DOC_URL, shuffled)).toBe(DOC_SIGNATURE);
  });

  it("refuses another token, another URL, a changed value, a missing signature", () => {
    expect(verifyTwilioSignature("54321", DOC_SIGNATURE, [DOC_URL], DOC_PARAMS)).toBe(false);
    expect(verifyTwilioSignature("12345", DOC_SIGNATURE, ["https://mycompany.com/myapp.php?foo=1"], DOC_PARAMS)).toBe(false);
    const changed = new URLSearchParams(DOC_PARAMS);
    changed.set("Digits", "9999");
    expect(verifyTwilioSignature("12345", DOC_SIGNATURE, [DOC_URL], changed)).toBe(false);
    expect(verifyTwilioSignature("12345", null, [DOC_URL], DOC_PARAMS)).toBe(false);
  });

  it("accepts the URL with or without the default port, as Twilio's libraries do", () => {
    const withPort = twilioSignature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", DOC_PARAMS);
    expect(verifyTwilioSignature("12345", withPort, [DOC_URL], DOC_PARAMS)).toBe(true);
  });

  it("looks for the URL Twilio called at the public URL and behind a proxy", () => {
    const headers = new Headers({ "x-forwarded-proto": "https", "x-forwarded-host": "shop.example" });
    expect(candidateUrls("http://10.0.0.5:3000/api/twilio/inbound?x=1", headers, "https://treue.example")).toEqual([
      "https://treue.example/api/twilio/inbound?x=1",
      "http://10.0.0.5:3000/api/twilio/inbound?x=1",
      "https://shop.example/api/twilio/inbound?x=1",
    ]);
  });
});
