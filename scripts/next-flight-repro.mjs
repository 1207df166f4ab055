// The reproduction behind docs/next-runtime-fix.md, run by hand (not in CI, about a minute):
//   node scripts/next-flight-repro.mjs
// Builds a three-file App Router app in a temporary directory with this project's Next and serves
// it twice: with Next's runtime as installed here (the fix applied) and with the fix taken out
// again as it loads (Next as published). Each time it reports which of the client chunks the
// page's RSC payload names are also in the HTML's <script> tags. Published Next leaves out the
// page's own chunk, which the browser then finds only after the framework's code has run.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, "node_modules/next/dist/bin/next");
const app = mkdtempSync(path.join(os.tmpdir(), "next-flight-repro-"));

const files = {
  "package.json": '{ "private": true }\n',
  "app/layout.jsx": `export default function RootLayout({ children }) {
  return <html><body>{children}</body></html>;
}
`,
  // Rendered per request; the client component is named after an await, so in a later piece of
  // the RSC payload than the first.
  "app/page.jsx": `import { connection } from "next/server";
import { Counter } from "./counter";

export default async function Page() {
  await connection();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return <main><Counter /></main>;
}
`,
  "app/counter.jsx": `"use client";
import { useState } from "react";

export function Counter() {
  const [taps, setTaps] = useState(0);
  return <button onClick={() => setTaps(taps + 1)}>Tapped {taps} times</button>;
}
`,
  // Loaded with --require: takes the fix out of the runtime as Node loads it (nothing on disk changes).
  "stock-runtime.cjs": `const Module = require("node:module");
const fs = require("node:fs");
const load = Module._extensions[".js"];
Module._extensions[".js"] = function (module, filename) {
  if (!/next-server[\\\\/]app-page.*\\.runtime\\.(prod|dev)\\.js$/.test(filename)) return load(module, filename);
  const source = fs.readFileSync(filename, "utf8").replace(/\\/\\*treue:flight-context\\*\\/\\{.*?:listener\\$\\)\\}\\}/, "");
  module._compile(source, filename);
};
`,
};

function write() {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    writeFileSync(path.join(app, name), text);
  }
  symlinkSync(path.join(root, "node_modules"), path.join(app, "node_modules"), "dir");
}

async function serve(port, nodeOptions) {
  const server = spawn(process.execPath, [next, "start", "-p", String(port)], { cwd: app, env: { ...process.env, NODE_OPTIONS: nodeOptions, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "ignore" });
  try {
    for (let tries = 0; ; tries++) {
      try {
        return await (await fetch(`http://127.0.0.1:${port}/`)).text();
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    server.kill();
  }
}

/** The app's client chunks the payload names, and which of them the HTML's own <script> tags load. */
function chunks(html) {
  const inTags = new Set([...html.matchAll(/<script[^>]*\ssrc="[^"]*?(static\/chunks\/app\/[^"]+\.js)"/g)].map((m) => m[1]));
  const named = new Set([...html.matchAll(/(static\/chunks\/app\/[^"\\]+\.js)/g)].map((m) => m[1]));
  return [...named].map((chunk) => ({ chunk, scriptTag: inTags.has(chunk) }));
}

try {
  write();
  const build = spawnSync(process.execPath, [next, "build", "--webpack"], { cwd: app, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  const version = JSON.parse(spawnSync(process.execPath, ["-p", "JSON.stringify(require('next/package.json').version)"], { cwd: root, encoding: "utf8" }).stdout);
  console.log(`next ${version}, node ${process.version}; GET / of a page that renders a client component after an await:\n`);
  const runs = [
    ["Next as published", `--require ${path.join(app, "stock-runtime.cjs")}`],
    ["with the fix (as installed here)", ""],
  ];
  let port = 3900 + Math.floor(Math.random() * 90);
  for (const [label, nodeOptions] of runs) {
    const found = chunks(await serve(port++, nodeOptions));
    console.log(`${label}:`);
    for (const { chunk, scriptTag } of found) console.log(`  ${scriptTag ? "in a <script> tag " : "MISSING from <script> tags"}  ${chunk}`);
  }
} finally {
  rmSync(app, { recursive: true, force: true });
}
