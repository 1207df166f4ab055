import { describe, expect, it } from "vitest";
import { checkPushEndpoint, isPublicAddress } from "./endpoint-policy";
import { KNOWN_PUSH_SERVICES } from "./push-services";

const defaults = { services: KNOWN_PUSH_SERVICES, allowPrivateNetwork: false };
const resolvesTo = (...addresses: string[]) => async () => addresses;

describe("push endpoints the server will POST to", () => {
  it("accepts the browsers' push services on public addresses", async () => {
    for (const endpoint of ["https://fcm.googleapis.com/fcm/send/abc", "https://updates.push.services.mozilla.com/wpush/v2/x", "https://web.push.apple.com/Q", "https://wns2-par02p.notify.windows.com/w/?token=1"]) {
      expect(await checkPushEndpoint(endpoint, defaults, resolvesTo("142.250.185.74")), endpoint).toEqual({ ok: true });
    }
  });

  it("refuses any other host, a look-alike included", async () => {
    for (const endpoint of ["https://127.0.0.1/", "https://10.1.2.3/push", "https://evil.example/fcm.googleapis.com", "https://fcm.googleapis.com.evil.example/x", "https://notify.windows.com.evil/x"]) {
      expect(await checkPushEndpoint(endpoint, defaults, resolvesTo("142.250.185.74")), endpoint).toEqual({ ok: false, reason: "unknown-push-service" });
    }
    expect(await checkPushEndpoint("http://fcm.googleapis.com/x", defaults)).toEqual({ ok: false, reason: "not-https" });
    expect(await checkPushEndpoint("not a url", defaults)).toEqual({ ok: false, reason: "not-https" });
  });

  it("refuses a listed host that resolves to a private, loopback or link-local address", async () => {
    for (const address of ["127.0.0.1", "10.0.0.8", "192.168.1.20", "172.16.5.5", "169.254.169.254", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1"]) {
      expect(await checkPushEndpoint("https://fcm.googleapis.com/fcm/send/abc", defaults, resolvesTo("142.250.185.74", address)), address).toEqual({ ok: false, reason: "private-address" });
    }
  });

  it("judges literal addresses and real DNS answers the same way", async () => {
    const listed = { services: ["127.0.0.1", "localhost", "[::1]", "::1"], allowPrivateNetwork: false };
    expect(await checkPushEndpoint("https://127.0.0.1/", listed)).toEqual({ ok: false, reason: "private-address" });
    expect(await checkPushEndpoint("https://[::1]/", listed)).toEqual({ ok: false, reason: "private-address" });
    expect(await checkPushEndpoint("https://localhost/push", listed)).toEqual({ ok: false, reason: "private-address" });
  });

  it("lets an operator's own push service in the private network through only when named with its port and allowed", async () => {
    const own = { services: ["10.0.0.5:8443"], allowPrivateNetwork: true };
    expect(await checkPushEndpoint("https://10.0.0.5:8443/push/1", own)).toEqual({ ok: true });
    expect(await checkPushEndpoint("https://10.0.0.5/push/1", own)).toEqual({ ok: false, reason: "unknown-push-service" });
    expect(await checkPushEndpoint("https://10.0.0.6:8443/push/1", own)).toEqual({ ok: false, reason: "unknown-push-service" });
  });

  it("classifies addresses", () => {
    expect(isPublicAddress("142.250.185.74")).toBe(true);
    expect(isPublicAddress("2a00:1450:4001:82a::200a")).toBe(true);
    expect(isPublicAddress("127.0.0.1")).toBe(false);
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });
});
