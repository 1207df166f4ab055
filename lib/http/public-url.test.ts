import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { pinnedPost, pinnedRequest } from "./pinned-request";
import { checkPublicHttpsUrl } from "./public-url";

const resolvesTo = (...addresses: string[]) => async () => addresses;

describe("URLs the server calls on someone else's word", () => {
  it("takes https on public addresses only", async () => {
    expect(await checkPublicHttpsUrl("https://shop.example/api", { resolve: resolvesTo("93.184.215.14", "2606:2800:21f:cb07::1") })).toMatchObject({ ok: true, addresses: ["93.184.215.14", "2606:2800:21f:cb07::1"] });
    for (const [url, reason] of [
      ["http://shop.example", "not-https"],
      ["https://user:pw@shop.example", "not-https"],
      ["nonsense", "not-https"],
      ["https://127.0.0.1", "private-address"],
      ["https://[::ffff:192.168.0.1]", "private-address"],
      ["https://100.64.0.1", "private-address"],
      // IPv4-compatible IPv6 (::/96): loopback and private IPv4 in another spelling.
      ["https://[::7f00:1]", "private-address"],
      ["https://[::a00:1]", "private-address"],
    ] as const) {
      expect(await checkPublicHttpsUrl(url, { resolve: resolvesTo("93.184.215.14") }), url).toEqual({ ok: false, reason });
    }
    expect(await checkPublicHttpsUrl("https://shop.example", { resolve: resolvesTo("93.184.215.14", "10.0.0.1") })).toEqual({ ok: false, reason: "private-address" });
    expect(await checkPublicHttpsUrl("https://shop.example", { resolve: resolvesTo() })).toEqual({ ok: false, reason: "unresolvable" });
  });

  it("lets a test's plain http reach loopback only, and only when asked to", async () => {
    expect(await checkPublicHttpsUrl("http://127.0.0.1:8080")).toEqual({ ok: false, reason: "not-https" });
    expect(await checkPublicHttpsUrl("http://127.0.0.1:8080", { loopbackHttp: true })).toMatchObject({ ok: true, addresses: ["127.0.0.1"] });
    expect(await checkPublicHttpsUrl("http://stand-in.test:8080", { loopbackHttp: true, resolve: resolvesTo("10.0.0.7") })).toEqual({ ok: false, reason: "private-address" });
    expect(await checkPublicHttpsUrl("http://shop.example", { loopbackHttp: true, resolve: resolvesTo("93.184.215.14") })).toEqual({ ok: false, reason: "private-address" });
  });

  it("connects to the address it judged, without asking DNS again, and follows no redirect", async () => {
    const seen: { url?: string; host?: string }[] = [];
    const server = createServer((request, response) => {
      seen.push({ url: request.url, host: request.headers.host });
      request.resume();
      response.writeHead(302, { location: "http://10.0.0.1/" }).end("moved");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      let asked = 0;
      const verdict = await checkPublicHttpsUrl(`http://stand-in.test:${port}/api/oauth/token`, { loopbackHttp: true, resolve: async () => (++asked === 1 ? ["127.0.0.1"] : ["10.0.0.1"]) });
      if (!verdict.ok) throw new Error(verdict.reason);
      const answer = await pinnedPost(verdict.url, verdict.addresses[0]!, { headers: {}, body: "{}", timeoutMs: 5_000, maxBytes: 1_000 });
      expect(answer.status).toBe(302);
      expect(seen).toEqual([{ url: "/api/oauth/token", host: `stand-in.test:${port}` }]);
      expect(asked).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("sends other methods the same pinned way, with a body's length or none", async () => {
    const seen: { method?: string; length?: string; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        seen.push({ method: request.method, length: request.headers["content-length"], body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const verdict = await checkPublicHttpsUrl(`http://stand-in.test:${port}/api/promotion/1`, { loopbackHttp: true, resolve: async () => ["127.0.0.1"] });
      if (!verdict.ok) throw new Error(verdict.reason);
      const init = { headers: {}, timeoutMs: 5_000, maxBytes: 1_000 };
      expect((await pinnedRequest(verdict.url, verdict.addresses[0]!, { ...init, method: "PATCH", body: '{"active":false}' })).status).toBe(204);
      expect((await pinnedRequest(verdict.url, verdict.addresses[0]!, { ...init, method: "DELETE" })).status).toBe(204);
      expect(seen).toEqual([
        { method: "PATCH", length: "16", body: '{"active":false}' },
        { method: "DELETE", length: undefined, body: "" },
      ]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
