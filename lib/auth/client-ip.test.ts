import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const from = (forwardedFor?: string) => new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });

describe("clientIp", () => {
  it("takes the address the outermost trusted proxy appended, whatever the client put before it", () => {
    // One proxy: it appended the socket address it saw (203.0.113.7) to what the client sent.
    expect(clientIp(from("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(from("1.2.3.4, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(from("10.0.0.1, 8.8.8.8,203.0.113.7"), 1)).toBe("203.0.113.7");
    // Two proxies (a CDN, then the load balancer): the CDN's entry is second from the right.
    expect(clientIp(from("6.6.6.6, 203.0.113.7, 198.51.100.2"), 2)).toBe("203.0.113.7");
  });

  it("never takes the leftmost entry a client can choose", () => {
    const spoofs = ["9.9.9.9", "1.1.1.1, 2.2.2.2", "unknown", "127.0.0.1"];
    const seen = new Set(spoofs.map((spoof) => clientIp(from(`${spoof}, 203.0.113.7`), 1)));
    expect([...seen]).toEqual(["203.0.113.7"]);
  });

  it("without a proxy, uses what Next's server recorded (the socket address when the client sent none)", () => {
    expect(clientIp(from("192.0.2.10"), 0)).toBe("192.0.2.10");
    expect(clientIp(from(), 0)).toBe("unknown");
  });

  it("falls back to the leftmost entry when fewer proxies wrote than are configured", () => {
    expect(clientIp(from("203.0.113.7"), 3)).toBe("203.0.113.7");
  });
});
