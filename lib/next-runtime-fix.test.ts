// The postinstall that corrects Next's page runtime (scripts/patch-next-flight-context.mjs, see
// docs/next-runtime-fix.md) either applies to every runtime or stops the install: run on a copy
// in a temporary tree with stand-in runtimes, never on the installed Next.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = path.join(import.meta.dirname, "..", "scripts/patch-next-flight-context.mjs");
const reader = 't.createFromNodeStream=function(e,t,r){var n;e.on("data",function(e){})}';
let tree: string;

function install(runtimes: Record<string, string>) {
  tree = mkdtempSync(path.join(os.tmpdir(), "treue-next-fix-"));
  mkdirSync(path.join(tree, "scripts"));
  copyFileSync(script, path.join(tree, "scripts/patch-next-flight-context.mjs"));
  const dir = path.join(tree, "node_modules/next/dist/compiled/next-server");
  mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(runtimes)) writeFileSync(path.join(dir, name), source);
  const run = spawnSync(process.execPath, [path.join(tree, "scripts/patch-next-flight-context.mjs")], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr, read: (name: string) => readFileSync(path.join(dir, name), "utf8") };
}

afterEach(() => rmSync(tree, { recursive: true, force: true }));

describe("the Next runtime fix at install", () => {
  it("binds the reader's listeners in every runtime, once however often it runs", () => {
    const first = install({ "app-page.runtime.prod.js": `a;${reader};b`, "app-page.runtime.dev.js": `${reader}` });
    expect(first.status).toBe(0);
    expect(first.output).toContain("2 patched");
    expect(first.read("app-page.runtime.prod.js")).toContain('{/*treue:flight-context*/{let on$=e.on,Ctx$=require("node:async_hooks").AsyncResource;');
    const again = spawnSync(process.execPath, [path.join(tree, "scripts/patch-next-flight-context.mjs")], { encoding: "utf8" });
    expect(again.stdout).toContain("0 patched, 2 already patched");
    expect(first.read("app-page.runtime.dev.js").match(/treue:flight-context/g)).toHaveLength(1);
  });

  it("fails the install, writing nothing, when a runtime lacks the code it changes", () => {
    const changed = install({ "app-page.runtime.prod.js": reader, "app-page.runtime.dev.js": "t.createFromNodeStream=function(stream,options){}" });
    expect(changed.status).toBe(1);
    expect(changed.output).toContain("not (exactly once) in app-page.runtime.dev.js");
    expect(changed.read("app-page.runtime.prod.js")).toBe(reader);
  });

  it("fails the install when the runtime it needs is not there", () => {
    const moved = install({ "app-page.runtime.prod.js": reader });
    expect(moved.status).toBe(1);
    expect(moved.output).toContain("app-page.runtime.dev.js is missing");
  });
});
