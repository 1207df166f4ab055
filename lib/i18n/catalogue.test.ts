import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import de from "./messages/de.json";
import en from "./messages/en.json";
import { BOUNDARY_TEXT, boundaryLocale } from "./boundary-text";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("message catalogues", () => {
  it("say the same things in German and English", () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });

  it("word the error screens in German and English alike, German for any other page language", () => {
    expect(keys(BOUNDARY_TEXT.en).sort()).toEqual(keys(BOUNDARY_TEXT.de).sort());
    expect([boundaryLocale("en-GB"), boundaryLocale("de"), boundaryLocale("fr"), boundaryLocale(undefined)]).toEqual(["en", "de", "de", "de"]);
  });

  it("have a message for every refusal a console action can give", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const used = new Set<string>();
    for (const file of sources(root)) {
      for (const m of readFileSync(file, "utf8").matchAll(/new ConsoleError\("[a-z-]+", "([A-Za-z.-]+)"/g)) used.add(m[1]!);
    }
    // Role refusals are built from canAssignRole's reasons.
    for (const reason of ["not-owner", "self", "env-owner", "last-owner"]) used.add(`role.${reason}`);
    expect(used.size).toBeGreaterThan(10);
    const known = new Set(keys(de.console.errors));
    expect([...used].filter((key) => !known.has(key))).toEqual([]);
  });
});
