// The container image's smoke run (scripts/ci-image.sh, docs/deploy.md): the image's own command,
// as its user and in its working directory, started with `buildah run --isolation chroot` on the
// host's network against a fresh PostgreSQL database, then asked what an operator and a shop ask:
// ready, a signed shop event applied, the sign-in page with its scripts, the service worker.
//
//   npx tsx scripts/image-smoke.ts treue:ci
//
// TEST_DATABASE_URL names the PostgreSQL server (its database treue_image_smoke is made anew and
// dropped after); TREUE_SMOKE_PORT the port (3190).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { signRequest } from "../lib/shop-api/signature";

const image = process.argv[2] ?? "treue:ci";
const port = Number(process.env.TREUE_SMOKE_PORT ?? 3190);
const base = `http://127.0.0.1:${port}`;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const database = "treue_image_smoke";
const shopSecret = randomBytes(24).toString("hex");

function buildah(...args: string[]): string {
  const run = spawnSync("buildah", args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`buildah ${args[0]}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

async function sql(text: string) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function check(ok: boolean, what: string, detail = "") {
  if (!ok) throw new Error(`${what}${detail && `: ${detail}`}`);
  console.log(`image-smoke: ✓ ${what}`);
}

/** The last process down the chain of children from pid: buildah run → its chroot runtime → the command. */
function innermost(pid: number): number {
  const children = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).stdout.trim().split(/\s+/).filter(Boolean);
  return children.length === 1 ? innermost(Number(children[0])) : pid;
}

/** The image's server, started in a working container; stop() ends it by its process id. */
function startServer(container: string) {
  const config = JSON.parse(buildah("inspect", "--type", "container", container)) as { OCIv1: { config: { Cmd: string[] } } };
  const command = config.OCIv1.config.Cmd;
  const settings = {
    DATABASE_URL: Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString(),
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    TREUE_SHOP_SECRET: shopSecret,
    // The demo program, so the shop event has a program to earn under (a fresh install answers 503).
    TREUE_DEMO: "1",
    LOG_LEVEL: "warn",
  };
  const env = Object.entries(settings).flatMap(([name, value]) => ["--env", `${name}=${value}`]);
  const child: ChildProcess = spawn("buildah", ["run", "--isolation", "chroot", "--network", "host", ...env, container, "--", ...command], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString("utf8")).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  console.log(`image-smoke: started ${command.join(" ")} in ${image} (pid ${child.pid}) on port ${port}`);
  return {
    output: () => output,
    running,
    /** SIGTERM to the server itself (buildah ends its command with SIGKILL), then buildah exits with it. */
    async stop() {
      if (!running()) return;
      const server = innermost(child.pid!);
      process.kill(server, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (running()) child.kill("SIGKILL");
      console.log(`image-smoke: stopped pid ${server} (${child.signalCode ?? `exit ${child.exitCode}`})`);
    },
  };
}

async function smoke(server: ReturnType<typeof startServer>) {
  const deadline = Date.now() + 120_000;
  let ready: { ready?: boolean } | undefined;
  while (!ready) {
    if (!server.running()) throw new Error("the server stopped before it was ready");
    if (Date.now() > deadline) throw new Error("not ready within 120 s");
    const response = await fetch(`${base}/api/ready`).catch(() => null);
    if (response?.ok) ready = (await response.json()) as { ready?: boolean };
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
  check(ready.ready === true, "GET /api/ready: ready");

  const body = JSON.stringify({
    id: `smoke-${Date.now()}`,
    type: "order.paid",
    occurred_at: new Date().toISOString(),
    data: {
      order_id: "smoke-1",
      customer: { id: "smoke-c1", email: "smoke@example.com" },
      currency: "EUR",
      subtotal_cents: 4_990,
      items: [{ sku: "S-1", name: "Zelt", quantity: 1, unit_price_cents: 4_990 }],
    },
  });
  const post = (secret: string) =>
    fetch(`${base}/api/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signRequest(secret, { method: "POST", url: "/api/v1/events", body }) },
      body,
    });
  const forged = await post("not-the-shop-secret");
  check(forged.status === 401, "POST /api/v1/events signed with another secret: 401", `got ${forged.status}`);
  const event = await post(shopSecret);
  const applied = (await event.json()) as { status?: string; points_delta?: number };
  check(event.status === 200 && applied.status === "applied" && (applied.points_delta ?? 0) > 0, "POST /api/v1/events signed: applied, points earned", `${event.status} ${JSON.stringify(applied)}`);

  const login = await fetch(`${base}/login`);
  const html = await login.text();
  const type = login.headers.get("content-type") ?? "";
  check(login.status === 200 && type.startsWith("text/html") && html.includes("<html"), "GET /login: 200, an HTML page", `${login.status} ${type}`);
  const script = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  const asset = script ? await fetch(`${base}${script}`) : undefined;
  check(asset?.status === 200, "the page's scripts are served", script ?? "the page names no script");
  const worker = await fetch(`${base}/sw.js`);
  check(worker.status === 200, "GET /sw.js (the service worker): 200", `got ${worker.status}`);
}

async function main() {
  await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await sql(`CREATE DATABASE ${database}`);
  const container = buildah("from", "--pull-never", "--name", `treue-smoke-${process.pid}`, image);
  let server: ReturnType<typeof startServer> | undefined;
  try {
    server = startServer(container);
    await smoke(server);
  } catch (error) {
    if (server) console.error(`image-smoke: the server's output:\n${server.output()}`);
    throw error;
  } finally {
    await server?.stop();
    buildah("rm", container);
    await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(`image-smoke: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
