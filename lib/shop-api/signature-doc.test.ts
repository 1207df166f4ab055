// The signature v2 examples shops build against (docs/api.md) are checked here, read from the
// document itself, so the document cannot drift from what the server verifies.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { canonicalQuery, computeSignatureV2, signingStringV2, verifySignature } from "./signature";
import { readSignedRequest } from "./signed-request";

const doc = readFileSync(path.join(import.meta.dirname, "../../docs/api.md"), "utf8");

/** The text of the `### title` section, up to the next heading. */
function section(title: string): string {
  const start = doc.indexOf(`\n### ${title}\n`);
  if (start < 0) throw new Error(`docs/api.md has no "### ${title}" section`);
  const rest = doc.slice(start + title.length + 6);
  const end = rest.search(/\n#{1,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

function fenced(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)\\n```", "g"))].map((m) => m[1]!);
}

type Vector = { name: string; secret: string; timestamp: string; method: string; path: string; query: string; body: string; canonical_query: string; string_to_sign: string; signature: string };
const vectors = JSON.parse(fenced(section("Test vectors"), "json")[0] ?? "null") as Vector[];

const SERVER_SECRET = "treue-example-secret";
process.env.TREUE_SHOP_SECRET = SERVER_SECRET;

describe("docs/api.md: signature v2", () => {
  it("has test vectors for a GET with a query, a POST with a body and a percent-encoded path", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(3);
    expect(vectors.some((v) => v.method === "GET" && v.query !== "")).toBe(true);
    expect(vectors.some((v) => v.method === "POST" && v.body !== "")).toBe(true);
    expect(vectors.some((v) => /%[0-9A-F]{2}/.test(v.path))).toBe(true);
  });

  it.each(vectors.map((v) => [v.name, v] as const))("vector %s: canonical query, string signed and signature are the server's", async (_, v) => {
    expect(canonicalQuery(v.query)).toBe(v.canonical_query);
    const parts = { method: v.method, path: v.path, query: v.query, body: v.body };
    expect(signingStringV2(v.timestamp, parts)).toBe(v.string_to_sign);
    expect(`v2=${createHmac("sha256", v.secret).update(v.string_to_sign, "utf8").digest("hex")}`).toBe(v.signature);
    expect(computeSignatureV2(v.secret, v.timestamp, parts)).toBe(v.signature);
    const now = Number(v.timestamp) * 1000;
    expect(verifySignature({ secret: v.secret, timestamp: v.timestamp, signature: v.signature, request: parts, now })).toEqual({ ok: true, version: "v2" });
    // The whole gate, from the request as sent, at the vector's time.
    expect(v.secret).toBe(SERVER_SECRET);
    vi.useFakeTimers({ toFake: ["Date"], now });
    const sent = new Request(`http://treue.test${v.path}${v.query ? `?${v.query}` : ""}`, {
      method: v.method,
      headers: { "x-treue-timestamp": v.timestamp, "x-treue-signature": v.signature },
      ...(v.body && { body: v.body }),
    });
    try {
      const result = await readSignedRequest(sent);
      expect(result.ok ? "ok" : ((await result.response.json()) as { detail: string }).detail).toBe("ok");
    } finally {
      vi.useRealTimers();
    }
  });

  it("works its example through as the server does", () => {
    const text = section("Worked example");
    const field = (name: string) => new RegExp(`^- ${name}: \`([^\`]*)\``, "m").exec(text)?.[1];
    const example = { secret: field("secret")!, timestamp: field("timestamp")!, method: field("method")!, path: field("path")!, query: field("query as sent")! };
    expect(text).toMatch(/^- body: empty$/m);
    const parts = { method: example.method, path: example.path, query: example.query, body: "" };
    expect(text).toContain(`The canonical query is \`${canonicalQuery(example.query)}\``);
    expect(JSON.parse(fenced(text, "json")[0]!)).toBe(signingStringV2(example.timestamp, parts));
    expect(fenced(text, "http")[0]).toBe(`X-Treue-Timestamp: ${example.timestamp}\nX-Treue-Signature: ${computeSignatureV2(example.secret, example.timestamp, parts)}`);
  });
});
