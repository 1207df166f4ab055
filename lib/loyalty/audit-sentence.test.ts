import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import { auditLink, auditSentenceKey, auditSentenceValues } from "./audit-sentence";

const root = path.join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The third argument of every writeAudit(...) call in the app's code, as written. */
function writtenActionArguments(): { file: string; argument: string }[] {
  const found: { file: string; argument: string }[] = [];
  for (const file of [...sources(path.join(root, "lib")), ...sources(path.join(root, "app"))]) {
    const code = readFileSync(file, "utf8");
    for (const match of code.matchAll(/writeAudit\(/g)) {
      if (code.slice(Math.max(0, match.index - 16), match.index).includes("function ")) continue;
      // Split the call's arguments at top-level commas, minding brackets and strings.
      const args: string[] = [];
      let depth = 0;
      let quote: string | null = null;
      let current = "";
      for (const ch of code.slice(match.index + "writeAudit(".length)) {
        if (quote) {
          current += ch;
          if (ch === quote) quote = null;
          continue;
        }
        if (ch === '"' || ch === "'" || ch === "`") quote = ch;
        if ("([{".includes(ch)) depth += 1;
        if (")]}".includes(ch)) {
          if (depth === 0) break;
          depth -= 1;
        }
        if (ch === "," && depth === 0) {
          args.push(current.trim());
          current = "";
          if (args.length === 3) break;
          continue;
        }
        current += ch;
      }
      found.push({ file: path.relative(root, file), argument: args[2] ?? "" });
    }
  }
  return found;
}

/**
 * The action kinds an argument can produce: its string literals, and a template literal's text with
 * each `${a ? "x" : "y"}` expanded; any other placeholder becomes a pattern.
 */
function kindsOf(argument: string): { exact: string[]; patterns: RegExp[] } {
  if (argument.startsWith("`")) {
    let variants = [""];
    let pattern = false;
    for (const part of argument.slice(1, -1).split(/(\$\{[^}]*\})/)) {
      if (!part.startsWith("${")) {
        variants = variants.map((v) => v + part);
        continue;
      }
      const choices = part.includes("?") ? part.slice(part.indexOf("?") + 1) : part;
      const options = [...choices.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
      if (options.length > 0) variants = variants.flatMap((v) => options.map((o) => v + o));
      else {
        variants = variants.map((v) => `${v}\u0000`);
        pattern = true;
      }
    }
    if (!pattern) return { exact: variants, patterns: [] };
    return { exact: [], patterns: variants.map((v) => new RegExp(`^${auditSentenceKey(v.replace(/\u0000/g, "WILDCARD")).replace(/WILDCARD/g, "[a-z0-9_]+")}$`)) };
  }
  // A ternary's condition may hold strings too ("member"); action kinds always have a dot.
  return { exact: [...argument.matchAll(/"([^"]*)"/g)].map((m) => m[1]!).filter((s) => s.includes(".")), patterns: [] };
}

const catalogs = { de, en };

describe("the audit log in words", () => {
  const written = writtenActionArguments();

  it("finds the code that writes audit rows", () => {
    expect(written.length).toBeGreaterThan(25);
    expect(written.every((w) => w.argument !== "")).toBe(true);
  });

  it("has a sentence and a label in German and English for every action kind the code writes", () => {
    for (const [language, messages] of Object.entries(catalogs)) {
      const sentences = messages.console.audit.sentences as Record<string, string>;
      const kinds = messages.console.audit.kinds as Record<string, string>;
      for (const { file, argument } of written) {
        const { exact, patterns } = kindsOf(argument);
        expect(exact.length + patterns.length, `${file}: ${argument}`).toBeGreaterThan(0);
        for (const action of exact) {
          expect(sentences[auditSentenceKey(action)], `${language}: sentence for ${action} (${file})`).toBeTruthy();
          expect(kinds[auditSentenceKey(action)], `${language}: label for ${action} (${file})`).toBeTruthy();
        }
        for (const pattern of patterns) expect(Object.keys(sentences).filter((k) => pattern.test(k)), `${language}: sentences for ${argument} (${file})`).not.toEqual([]);
      }
      expect(Object.keys(kinds).sort()).toEqual(Object.keys(sentences).sort());
    }
  });

  it("formats every sentence in both languages with the row's details, naming who and linking what", () => {
    const link = (chunks: string) => `[${chunks}]`;
    for (const [locale, messages] of Object.entries(catalogs)) {
      const t = createTranslator({ locale, messages, namespace: "console.audit" });
      for (const key of Object.keys(messages.console.audit.sentences)) {
        const values = { ...auditSentenceValues({ action: key, target: "connector:shopify", before: null, after: null }), sign: "plus", role: "admin", enabled: "yes" };
        const line = t.markup(`sentences.${key}` as "sentences.member_adjust", { ...values, actor: "Anna Owner", subject: "Ben", link } as never);
        expect(line, `${locale} ${key}`).toContain("Anna Owner");
        expect(line, `${locale} ${key}`).toMatch(/\[[^\]]+\]/);
        expect(line, `${locale} ${key}`).not.toMatch(/[{}<>]/);
      }
    }
  });

  it("tells a points correction as the issue asks", () => {
    const row = { action: "member.adjust", target: "member:6f1c2a3e-0000-4000-8000-000000000001", before: { balance: 10 }, after: { balance: 60, points: 50, reason: "Kulanz" } };
    const link = (chunks: string) => `[${chunks}](${auditLink(row.target)})`;
    const say = (locale: "de" | "en", after: unknown) =>
      createTranslator({ locale, messages: catalogs[locale], namespace: "console.audit" }).markup("sentences.member_adjust", { ...auditSentenceValues({ ...row, after }), actor: "Anna Owner", subject: "Ben", link } as never);
    expect(say("en", row.after)).toBe("Anna Owner gave [Ben](/console/members/6f1c2a3e-0000-4000-8000-000000000001) 50 points: Kulanz");
    expect(say("de", row.after)).toBe("Anna Owner hat [Ben](/console/members/6f1c2a3e-0000-4000-8000-000000000001) 50 Punkte gutgeschrieben: Kulanz");
    expect(say("de", { points: -20, reason: "Doppelt gebucht" })).toBe("Anna Owner hat [Ben](/console/members/6f1c2a3e-0000-4000-8000-000000000001) 20 Punkte abgezogen: Doppelt gebucht");
    expect(say("en", { points: 1500, reason: "Kulanz" })).toContain("1,500 points");
  });

  it("links each kind of target to its page", () => {
    expect(auditLink("reward:eur5")).toBe("/console/program/rewards");
    expect(auditLink("program:earn-rule")).toBe("/console/program/earning");
    expect(auditLink("program:tiers")).toBe("/console/program/tiers");
    expect(auditLink("campaign:1")).toBe("/console/campaigns");
    expect(auditLink("job:mail-delivery:1")).toBe("/console/jobs");
    expect(auditLink("connector:shopify")).toBe("/console/connections");
    expect(auditLink("member:not-an-id")).toBeNull();
  });
});

describe("the till in the audit log", () => {
  it("tells an in-store purchase with its store, receipt, amount in the program's currency and points", () => {
    const row = { action: "till.purchase", target: "member:6f1c2a3e-0000-4000-8000-000000000001", before: null, after: { store: "Laden Mitte", receipt: "4711", amountCents: 4990, currency: "CHF", points: 49 } };
    const say = (locale: "de" | "en") =>
      createTranslator({ locale, messages: catalogs[locale], namespace: "console.audit" }).markup("sentences.till_purchase", { ...auditSentenceValues(row, locale), actor: "Kim", subject: "Ben", link: (c: string) => `[${c}]` } as never);
    expect(say("de")).toMatch(/^Kim hat für \[Ben\] einen Einkauf im Laden über 49,90\sCHF gebucht \(Laden Mitte, Beleg 4711, 49 Punkte\)\.$/);
    expect(say("en")).toMatch(/^Kim booked an in-store purchase of CHF\s49\.90 for \[Ben\] \(Laden Mitte, receipt 4711, 49 points\)\.$/);
  });
});
