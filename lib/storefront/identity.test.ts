import { createHmac } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalEmail, signStorefrontIdentity, storefrontIdentityString, verifyStorefrontIdentity } from "./identity";

const root = path.join(import.meta.dirname, "../..");
const SECRET = "treue-example-secret";
const TS = 1795435200;
const at = (seconds: number) => new Date(seconds * 1000);

/** A correctly signed identity for customer 7301, checked at `now`, with any attribute replaced. */
function check(overrides: Partial<Record<"customerId" | "email" | "ts" | "signature", string | null>> = {}, now = at(TS)) {
  const identity = { customerId: "7301", email: "anna@example.com", ts: String(TS) };
  const signature = signStorefrontIdentity(SECRET, { ...identity, ts: Number(identity.ts) });
  return verifyStorefrontIdentity({ secret: SECRET, ...identity, signature, now, ...overrides });
}

describe("the storefront identity", () => {
  it("accepts what it signed, naming the customer and the canonical e-mail", () => {
    expect(check()).toEqual({ ok: true, customerId: "7301", email: "anna@example.com" });
  });

  it("signs the e-mail trimmed and lower-cased, and checks a printed address in any case", () => {
    expect(canonicalEmail(" \tAnna@Example.COM\r\n")).toBe("anna@example.com");
    expect(storefrontIdentityString({ customerId: "7301", email: "Anna@Example.COM", ts: TS })).toBe(`7301.anna@example.com.${TS}`);
    const signature = signStorefrontIdentity(SECRET, { customerId: "7301", email: "anna@example.com", ts: TS });
    expect(signStorefrontIdentity(SECRET, { customerId: "7301", email: " ANNA@example.com ", ts: TS })).toBe(signature);
    expect(verifyStorefrontIdentity({ secret: SECRET, customerId: "7301", email: "ANNA@EXAMPLE.COM ", ts: String(TS), signature, now: at(TS) })).toEqual({ ok: true, customerId: "7301", email: "anna@example.com" });
  });

  it("accepts from 5 minutes before ts to 24 hours after it, and no longer", () => {
    expect(check({}, at(TS - 300)).ok).toBe(true);
    expect(check({}, at(TS - 301))).toEqual({ ok: false, reason: "future" });
    expect(check({}, at(TS + 86_400)).ok).toBe(true);
    expect(check({}, new Date((TS + 86_400) * 1000 + 999)).ok).toBe(true); // within that last second
    expect(check({}, at(TS + 86_401))).toEqual({ ok: false, reason: "expired" });
  });

  it("says which attribute is missing before anything else", () => {
    for (const name of ["customerId", "email", "ts", "signature"] as const) {
      expect(check({ [name]: null }), name).toEqual({ ok: false, reason: "missing" });
      expect(check({ [name]: "" }), name).toEqual({ ok: false, reason: "missing" });
    }
  });

  it.each([
    ["a customer id with a dot", { customerId: "73.01" }],
    ["a customer id with a space", { customerId: "73 01" }],
    ["a customer id outside ASCII", { customerId: "7301é" }],
    ["a customer id of 129 characters", { customerId: "1".repeat(129) }],
    ["an e-mail without @", { email: "anna.example.com" }],
    ["an e-mail with two @", { email: "anna@b@example.com" }],
    ["an e-mail with nothing after @", { email: "anna@" }],
    ["an e-mail with a space inside", { email: "an na@example.com" }],
    ["an e-mail of 255 characters", { email: `${"a".repeat(243)}@example.com` }],
    ["a ts with a leading zero", { ts: `0${TS}` }],
    ["a ts in milliseconds' digits", { ts: `${TS}000` }],
    ["a ts with a fraction", { ts: `${TS}.5` }],
    ["a negative ts", { ts: `-${TS}` }],
    ["an upper-case signature", { signature: "A".repeat(64) }],
    ["a short signature", { signature: "a".repeat(63) }],
    ["a prefixed signature", { signature: `v2=${"a".repeat(64)}` }],
  ])("refuses %s as malformed", (_, overrides) => {
    expect(check(overrides)).toEqual({ ok: false, reason: "malformed" });
  });

  it("takes the longest allowed id and e-mail", () => {
    const customerId = "~".repeat(128);
    const email = `${"a".repeat(242)}@example.com`;
    expect(email).toHaveLength(254);
    const signature = signStorefrontIdentity(SECRET, { customerId, email, ts: TS });
    expect(verifyStorefrontIdentity({ secret: SECRET, customerId, email, ts: String(TS), signature, now: at(TS) }).ok).toBe(true);
  });

  it("refuses as a mismatch any change to what was signed, or another secret", () => {
    const signature = signStorefrontIdentity(SECRET, { customerId: "7301", email: "anna@example.com", ts: TS });
    expect(check({ customerId: "7302", signature })).toEqual({ ok: false, reason: "mismatch" });
    expect(check({ email: "anne@example.com", signature })).toEqual({ ok: false, reason: "mismatch" });
    expect(check({ ts: String(TS + 1), signature })).toEqual({ ok: false, reason: "mismatch" });
    expect(check({ signature: signStorefrontIdentity("another-secret", { customerId: "7301", email: "anna@example.com", ts: TS }) })).toEqual({ ok: false, reason: "mismatch" });
    const flipped = (signature[0] === "0" ? "1" : "0") + signature.slice(1);
    expect(check({ signature: flipped })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("will not sign what it would refuse, nor use an empty secret", () => {
    expect(() => signStorefrontIdentity(SECRET, { customerId: "12.5", email: "jo@example.com", ts: TS })).toThrow(RangeError);
    expect(() => signStorefrontIdentity(SECRET, { customerId: "12", email: "", ts: TS })).toThrow(RangeError);
    expect(() => signStorefrontIdentity(SECRET, { customerId: "12", email: "jo@example.com", ts: TS + 0.5 })).toThrow(RangeError);
    expect(() => signStorefrontIdentity(SECRET, { customerId: "12", email: "jo@example.com", ts: 0 })).toThrow(RangeError);
    expect(() => signStorefrontIdentity("", { customerId: "12", email: "jo@example.com", ts: TS })).toThrow(/TREUE_SHOP_SECRET/);
    expect(() => verifyStorefrontIdentity({ secret: "", customerId: "12", email: "jo@example.com", ts: String(TS), signature: "a".repeat(64), now: at(TS) })).toThrow(/TREUE_SHOP_SECRET/);
  });

  it("gives one string to one identity: the example of an ambiguous id cannot be signed", () => {
    // Were "." allowed in ids, customer 12 with 5.jo@example.com and customer 12.5 with jo@example.com would sign alike.
    expect(storefrontIdentityString({ customerId: "12", email: "5.jo@example.com", ts: TS })).toBe(`12.5.jo@example.com.${TS}`);
    expect(() => storefrontIdentityString({ customerId: "12.5", email: "jo@example.com", ts: TS })).toThrow(RangeError);
  });
});

// The documented vectors and worked example, read from docs/storefront.md itself, so the document
// cannot drift from what Treue checks.
const doc = readFileSync(path.join(root, "docs/storefront.md"), "utf8");

function section(title: string): string {
  const start = doc.indexOf(`\n### ${title}\n`);
  if (start < 0) throw new Error(`docs/storefront.md has no "### ${title}" section`);
  const rest = doc.slice(start + title.length + 6);
  const end = rest.search(/\n#{1,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

const fenced = (text: string, language: string) => [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)\\n```", "g"))].map((m) => m[1]!);

type Vector = {
  name: string;
  secret: string;
  signed_with: string;
  customer: string;
  email: string;
  ts: string;
  now: number;
  string_to_sign: string | null;
  signature: string;
  result: "ok" | "missing" | "malformed" | "expired" | "future" | "mismatch";
};
const vectors = JSON.parse(fenced(section("Test vectors"), "json")[0] ?? "null") as Vector[];

describe("docs/storefront.md: the storefront identity", () => {
  it("has vectors for a normal identity, an upper-case e-mail, an expired one and a mismatch", () => {
    expect(vectors.some((v) => v.result === "ok" && v.email === v.email.toLowerCase())).toBe(true);
    expect(vectors.some((v) => v.result === "ok" && v.email !== v.email.toLowerCase())).toBe(true);
    expect(vectors.some((v) => v.result === "expired")).toBe(true);
    expect(vectors.some((v) => v.result === "mismatch")).toBe(true);
  });

  it.each(vectors.map((v) => [v.name, v] as const))("vector %s: the string signed, the signature and the result are Treue's", (_, v) => {
    const identity = { customerId: v.customer, email: v.email, ts: Number(v.ts) };
    if (v.string_to_sign === null) {
      expect(() => storefrontIdentityString(identity)).toThrow(RangeError);
    } else {
      expect(storefrontIdentityString(identity)).toBe(v.string_to_sign);
      expect(createHmac("sha256", v.signed_with).update(v.string_to_sign, "utf8").digest("hex")).toBe(v.signature);
      expect(signStorefrontIdentity(v.signed_with, identity)).toBe(v.signature);
    }
    const result = verifyStorefrontIdentity({ secret: v.secret, customerId: v.customer, email: v.email, ts: v.ts, signature: v.signature, now: at(v.now) });
    expect(result).toEqual(v.result === "ok" ? { ok: true, customerId: v.customer, email: canonicalEmail(v.email) } : { ok: false, reason: v.result });
  });

  it("works its example through as Treue does", () => {
    const text = section("Worked example");
    const field = (name: string) => new RegExp(`^- ${name}: \`([^\`]*)\``, "m").exec(text)?.[1];
    const example = { secret: field("secret")!, customerId: field("customer")!, email: field("email as printed")!, ts: field("ts")! };
    const signed = storefrontIdentityString({ ...example, ts: Number(example.ts) });
    expect(text).toContain(`The canonical e-mail is \`${canonicalEmail(example.email)}\``);
    expect(fenced(text, "text")[0]).toBe(signed);
    const signature = signStorefrontIdentity(example.secret, { ...example, ts: Number(example.ts) });
    expect(fenced(text, "html")[0]).toBe(`<treue-identity customer="${example.customerId}" email="${example.email}" ts="${example.ts}" signature="${signature}"></treue-identity>`);
    const until = Number(example.ts) + 86_400;
    expect(text).toContain(`accepts until \`${until}\``);
    expect(verifyStorefrontIdentity({ ...example, signature, now: at(until) }).ok).toBe(true);
    expect(verifyStorefrontIdentity({ ...example, signature, now: at(until + 1) })).toEqual({ ok: false, reason: "expired" });
  });
});

// The plugin itself, run by PHP as WordPress runs it (integrations/woocommerce/tests/harness.php
// stands in for WordPress's few functions it calls). CI installs php-cli (.ci/run); a developer's
// machine without PHP skips these with a note.
const php = spawnSync("php", ["--version"]).status === 0;
if (!php && process.env.CI) throw new Error("php-cli is needed for the WooCommerce plugin's tests (.ci/run installs it)");

type PluginRun = {
  signed: { customer: string; email: string; ts: string; signature: string }[];
  enqueued: { handle: string; src: string; args: Record<string, unknown> }[];
  nocache: boolean;
  footer: string;
  now: number;
};
function runPlugin(request: unknown): PluginRun {
  const run = spawnSync("php", [path.join(root, "integrations/woocommerce/tests/harness.php")], { input: JSON.stringify(request), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`php failed: ${run.stderr || run.stdout}`);
  return JSON.parse(run.stdout) as PluginRun;
}
const attributes = (element: string) => Object.fromEntries([...element.matchAll(/ (\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")]));

describe.skipIf(!php)("the WooCommerce plugin, run by PHP", () => {
  it("signs every documented vector exactly as Treue does", () => {
    const signable = vectors.filter((v) => v.string_to_sign !== null);
    expect(signable.length).toBeGreaterThanOrEqual(5);
    const { signed } = runPlugin({ vectors: signable.map((v) => ({ customer: v.customer, email: v.email, ts: v.ts, secret: v.signed_with })) });
    expect(signed.map((s) => s.signature)).toEqual(signable.map((v) => v.signature));
    expect(signed.map((s) => `${s.customer}.${s.email}.${s.ts}`)).toEqual(signable.map((v) => v.string_to_sign));
  });

  it("prints, for a signed-in customer, an element Treue accepts, escaped, without the secret, and keeps the page out of shared caches", () => {
    const secret = "woo-plugin-secret";
    const run = runPlugin({ constants: { TREUE_URL: "https://treue.example/", TREUE_SHOP_SECRET: secret }, user: { ID: 42, user_email: ' Jo"Weber@Example.DE ' } });
    expect(run.enqueued).toEqual([{ handle: "treue-embed", src: "https://treue.example/embed.js", args: { strategy: "async", in_footer: true } }]);
    expect(run.nocache).toBe(true);
    expect(run.footer).toMatch(/^<treue-identity customer="42" email="jo&quot;weber@example.de" ts="\d+" signature="[0-9a-f]{64}"><\/treue-identity>\n$/);
    expect(run.footer).not.toContain(secret);
    const printed = attributes(run.footer);
    expect(verifyStorefrontIdentity({ secret, customerId: printed.customer, email: printed.email, ts: printed.ts, signature: printed.signature, now: at(run.now) })).toEqual({ ok: true, customerId: "42", email: 'jo"weber@example.de' });
  });

  it("prints nothing for a visitor, without a secret, or without Treue's address; the options stand in for the constants", () => {
    const visitor = runPlugin({ constants: { TREUE_URL: "https://treue.example", TREUE_SHOP_SECRET: "s" }, user: null });
    expect(visitor).toMatchObject({ footer: "", nocache: false });
    expect(visitor.enqueued).toHaveLength(1);
    expect(runPlugin({ constants: { TREUE_URL: "https://treue.example" }, user: { ID: 1, user_email: "a@example.com" } }).footer).toBe("");
    expect(runPlugin({ constants: { TREUE_SHOP_SECRET: "s" }, user: { ID: 1, user_email: "a@example.com" } })).toMatchObject({ footer: "", enqueued: [] });
    expect(runPlugin({ constants: { TREUE_URL: "javascript:alert(1)", TREUE_SHOP_SECRET: "s" }, user: { ID: 1, user_email: "a@example.com" } })).toMatchObject({ footer: "", enqueued: [] });
    const fromOptions = runPlugin({ options: { treue_url: "https://treue.example", treue_shop_secret: "opt-secret" }, user: { ID: 7, user_email: "o@example.com" } });
    expect(attributes(fromOptions.footer).signature).toBe(signStorefrontIdentity("opt-secret", { customerId: "7", email: "o@example.com", ts: Number(attributes(fromOptions.footer).ts) }));
  });
});
