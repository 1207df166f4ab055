// Runs after every install (package.json "postinstall"). Next 16 renders pages from a Node stream
// of the RSC payload, and React's createFromNodeStream reads it in "data" listeners. Those run in
// the async context of whoever writes the stream, not of the HTML render that created the reader,
// so the render never hears about the client chunks the payload names after its first piece: the
// HTML then lacks their <script> tags and the browser finds each screen's own code only after the
// framework's has run (one more round trip on every screen, before the screen answers a tap).
// React's fixture explains the intent (the Flight client is created inside the render so its rows
// belong to that request: react/react#26664); web streams keep that context by themselves.
// The fix: the reader's listeners run in the context the reader was created in. Idempotent; it
// says so (and changes nothing) when a Next release no longer has the code it patches, and
// e2e/route-chunks.spec.ts checks the outcome.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARK = "/*treue:flight-context*/";
const dir = path.join(import.meta.dirname, "..", "node_modules/next/dist/compiled/next-server");
const entry = /createFromNodeStream=function\(([\w$]+),([\w$]+),([\w$]+)\)\{/;

let files;
try {
  files = readdirSync(dir).filter((name) => /^app-page.*\.runtime\.(prod|dev)\.js$/.test(name));
} catch {
  console.warn("patch-next-flight-context: next is not installed, nothing to do");
  process.exit(0);
}

const outcome = { patched: 0, already: 0, missing: [] };
for (const name of files) {
  const file = path.join(dir, name);
  const source = readFileSync(file, "utf8");
  if (source.includes(MARK)) {
    outcome.already++;
    continue;
  }
  const found = [...source.matchAll(new RegExp(entry, "g"))];
  // Exactly one reader in each runtime: anything else is code this script does not know.
  if (found.length !== 1) {
    outcome.missing.push(name);
    continue;
  }
  const stream = found[0][1];
  const bind =
    `${MARK}{let on$=${stream}.on,Ctx$=require("node:async_hooks").AsyncResource;` +
    `${stream}.on=function(event$,listener$){return on$.call(this,event$,typeof listener$=="function"?Ctx$.bind(listener$):listener$)}}`;
  writeFileSync(file, source.replace(entry, (whole) => whole + bind));
  outcome.patched++;
}
if (outcome.missing.length > 0) console.warn(`patch-next-flight-context: not found in ${outcome.missing.join(", ")} (a newer Next? check e2e/route-chunks.spec.ts)`);
console.log(`patch-next-flight-context: ${outcome.patched} patched, ${outcome.already} already patched`);
