// Runs after every install (package.json "postinstall"). Next 16 renders pages from a Node stream
// of the RSC payload, and React's createFromNodeStream reads it in "data" listeners. Those run in
// the async context of whoever writes the stream, not of the HTML render that created the reader,
// so the render never hears about the client chunks the payload names after its first piece: the
// HTML then lacks their <script> tags and the browser finds each screen's own code only after the
// framework's has run (one more round trip on every screen, before the screen answers a tap).
// React's fixture explains the intent (the Flight client is created inside the render so its rows
// belong to that request: react/react#26664); web streams keep that context by themselves.
// The fix: the reader's listeners run in the context the reader was created in.
//
// A script rather than patch-package: the code sits on one minified line of 300-540 KB in each of
// eight runtime files, so a line-based patch would be megabytes nobody can review, while this
// names the one place it changes. Idempotent. It FAILS the install when a runtime does not have
// exactly the code it expects (a Next other than the pinned one): check whether that release
// still needs the fix (docs/next-runtime-fix.md) before changing this. e2e/route-chunks.spec.ts
// checks the outcome.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARK = "/*treue:flight-context*/";
const dir = path.join(import.meta.dirname, "..", "node_modules/next/dist/compiled/next-server");
const entry = /createFromNodeStream=function\(([\w$]+),([\w$]+),([\w$]+)\)\{/;

/** Stops the install: Next would otherwise run without the fix and nobody would notice. */
function fail(reason) {
  console.error(`patch-next-flight-context: ${reason}. The runtime fix cannot be applied; see docs/next-runtime-fix.md.`);
  process.exit(1);
}

let files = [];
try {
  files = readdirSync(dir).filter((name) => /^app-page.*\.runtime\.(prod|dev)\.js$/.test(name));
} catch {
  fail(`no Next runtime at ${path.relative(process.cwd(), dir) || dir}`);
}
// The one `next build --webpack` and `next dev --webpack` load must be among them.
for (const needed of ["app-page.runtime.prod.js", "app-page.runtime.dev.js"]) if (!files.includes(needed)) fail(`${needed} is missing`);

// Every runtime is checked before any is written: either all get the fix or the install stops.
const outcome = { patched: [], already: 0, missing: [] };
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
  outcome.patched.push([file, source.replace(entry, (whole) => whole + bind)]);
}
if (outcome.missing.length > 0) fail(`the code it changes is not (exactly once) in ${outcome.missing.join(", ")}; a Next other than the pinned version?`);
for (const [file, patched] of outcome.patched) writeFileSync(file, patched);
console.log(`patch-next-flight-context: ${outcome.patched.length} patched, ${outcome.already} already patched`);
