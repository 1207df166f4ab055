// Every screen has an error boundary above it. Console pages (a script-driven app with client-side
// navigation) have a loading screen of their own, placed where it cannot swallow a 404: below the
// layouts that check. Shopper and sign-in screens are documents that must show whole without
// JavaScript, so they have none: without script, a streamed loading screen is never replaced.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const app = path.resolve(import.meta.dirname, "../app");

function pages(dir: string, rel = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return entry.name === "page.tsx" ? [rel] : [];
    if (entry.name === "api") return [];
    return pages(path.join(dir, entry.name), rel ? `${rel}/${entry.name}` : entry.name);
  });
}

const screens = pages(app);
const consolePages = screens.filter((s) => s.startsWith("(console)/"));
const documents = screens.filter((s) => !s.startsWith("(console)/"));
const ancestors = (rel: string) => rel.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));
const loadingAbove = (screen: string) => ancestors(screen).filter((dir) => existsSync(path.join(app, dir, "loading.tsx")));

describe("route boundaries", () => {
  it("finds the screens", () => {
    expect(consolePages).toEqual(expect.arrayContaining(["(console)/console/(overview)", "(console)/console/members/[id]", "(console)/console/audit"]));
    expect(documents).toEqual(expect.arrayContaining(["(app)", "(app)/rewards/[id]", "(auth)/login"]));
  });

  it.each(consolePages)("%s has its own loading screen", (screen) => {
    expect(existsSync(path.join(app, screen, "loading.tsx"))).toBe(true);
  });

  it.each(consolePages)("%s has no loading screen above it, where it would stream a 404 as a 200", (screen) => {
    expect(loadingAbove(screen)).toEqual([screen]);
  });

  it.each(documents)("%s renders whole, without a loading screen", (screen) => {
    expect(loadingAbove(screen)).toEqual([]);
  });

  it.each(screens.filter((s) => s.startsWith("(")))("%s has an error boundary above it", (screen) => {
    expect(ancestors(screen).some((dir) => existsSync(path.join(app, dir, "error.tsx")))).toBe(true);
  });

  it("looks an unknown console detail up in its layout, above the loading screen", () => {
    for (const detail of consolePages.filter((s) => s.endsWith("]"))) {
      expect(readFileSync(path.join(app, detail, "layout.tsx"), "utf8"), detail).toContain("notFound()");
    }
  });
});
