// The repository carries its own contract documents, and every link between them resolves: a
// shop's developer who follows README → docs/api.md never lands on a missing file or heading.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const documents = ["README.md", ...readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-"));
  }
  return anchors;
}

/** Markdown links and images outside code: [text](target). */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

describe("the repository's documents", () => {
  it("include the shop API, the metrics and the security notes", () => {
    for (const doc of ["docs/api.md", "docs/metrics.md", "docs/security.md", "docs/connectors.md", "docs/operations.md"]) expect(existsSync(path.join(root, doc)), doc).toBe(true);
  });

  it.each(documents)("%s: every relative link names a file, and every anchor a heading, that exists", (doc) => {
    const text = readFileSync(path.join(root, doc), "utf8");
    const broken: string[] = [];
    for (const link of linksOf(text)) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      const [file, anchor] = link.split("#") as [string, string | undefined];
      const target = file ? path.resolve(path.dirname(path.join(root, doc)), decodeURIComponent(file)) : path.join(root, doc);
      if (!target.startsWith(root + path.sep) || !existsSync(target)) {
        broken.push(link);
        continue;
      }
      if (anchor && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(anchor)) broken.push(link);
    }
    expect(broken).toEqual([]);
  });

  it.each(documents)("%s: names no file outside the repository", (doc) => {
    const text = readFileSync(path.join(root, doc), "utf8");
    // Contract documents are referred to by their place in docs/, never by a bare name or a path outside.
    expect(text.match(/\.\.\/shared\/|(?<![\w/])(?:METRICS|API|CONNECTORS|DESIGN)\.md/g) ?? []).toEqual([]);
  });
});
