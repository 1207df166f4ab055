// Treue as an operator runs it: `next start` processes on one PostgreSQL database, sharing
// nothing else. A process killed with SIGKILL in the middle of a burst of shop events, then the
// shop re-sending everything, leaves every event applied exactly once; two instances receiving
// the same events and refunds apply each once and never drive a balance below zero; a job sent
// to the shared queue runs on one instance only. Needs the production build and PostgreSQL.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Client } from "pg";
import PgBoss from "pg-boss";
import { httpClient, type HttpClient } from "../bench/http-client";
import { signRequest } from "../lib/shop-api/signature";
import { startTestSmtpServer } from "../lib/mail/test-smtp-server";
import { startNext, type NextProcess } from "./next-process";
import { E2E_PORTS } from "./ports";
import { PUSH_SERVICE_PORT, pushServiceCert, startPushService } from "./push-service";

const SECRET = "instances-shop-secret";
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

type Instance = NextProcess & { client: HttpClient };

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `treue_instances_${randomBytes(4).toString("hex")}`;
  await query(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => query(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined) };
}

async function start(port: number, databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Instance> {
  const server = await startNext(port, { DATABASE_URL: databaseUrl, TREUE_SHOP_SECRET: SECRET, TREUE_DEMO: "1", NEXTAUTH_SECRET: "instances-secret-instances-secret-42", ...extraEnv });
  return { ...server, client: httpClient(server.base, 100) };
}

async function stop(instance: Instance) {
  instance.client.close();
  await instance.stop();
}

/** The project's own ledger check (`npm run ledger:verify`): every balance equals the sum of its ledger rows. */
function ledgerVerifies(databaseUrl: string): boolean {
  return spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/ledger-verify.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "ignore" }).status === 0;
}

function event(id: string, type: "order.paid" | "order.refunded", data: object) {
  const body = JSON.stringify({ id, type, occurred_at: new Date().toISOString(), data });
  return { id, body };
}

const paid = (i: number, customers: number) =>
  event(`inst-evt-${i}`, "order.paid", {
    order_id: `inst-ord-${i}`,
    customer: { id: `inst-c${i % customers}`, email: `inst-c${i % customers}@example.com` },
    currency: "EUR",
    subtotal_cents: 2_000 + (i % 7) * 1_000,
    items: [{ sku: "B-1", name: "Zelt", quantity: 1, unit_price_cents: 2_000 + (i % 7) * 1_000 }],
  });

/** Sends every event at `concurrency`, to the instances in turn; answers by event id (status, or "dropped" when the connection broke). */
async function send(instances: Instance[], events: { id: string; body: string }[], concurrency: number, onSent?: (count: number) => void) {
  const answers = new Map<string, number | "dropped">();
  let next = 0;
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < events.length) {
        const e = events[next++]!;
        const instance = instances[worker % instances.length]!;
        try {
          const response = await instance.client.request("POST", "/api/v1/events", { ...signRequest(SECRET, { method: "POST", url: "/api/v1/events", body: e.body }), "content-type": "application/json" }, e.body);
          answers.set(e.id, response.status);
        } catch {
          answers.set(e.id, "dropped");
        }
        onSent?.(++sent);
      }
    }),
  );
  return answers;
}

test.describe.configure({ mode: "serial", timeout: 240_000 });

test("SIGKILL during 2,000 concurrent signed events, restart, resend all: each applied exactly once, ledger consistent", async () => {
  const database = await freshDatabase();
  let instance = await start(E2E_PORTS.instances[0], database.url);
  try {
    const events = Array.from({ length: 2_000 }, (_, i) => paid(i, 400));
    let killed = false;
    const first = await send([instance], events, 100, (count) => {
      if (count === 600 && !killed) {
        killed = true;
        instance.process.kill("SIGKILL");
      }
    });
    expect(killed).toBe(true);
    expect([...first.values()].filter((a) => a === "dropped").length).toBeGreaterThan(0);

    instance = await start(E2E_PORTS.instances[0], database.url);
    const resent = await send([instance], events, 100);
    expect([...resent.values()].every((status) => status === 200)).toBe(true);

    const [counts] = await query<{ events: number; orders: number; earned: number }>(
      database.url,
      `select (select count(*)::int from shop_events where id like 'inst-evt-%') as events,
              (select count(*)::int from orders where shop_order_id like 'inst-ord-%') as orders,
              (select count(*)::int from ledger_entries where kind = 'earn_order' and source_ref like 'order:inst-ord-%') as earned`,
    );
    expect(counts).toEqual({ events: 2_000, orders: 2_000, earned: 2_000 });
    expect(ledgerVerifies(database.url)).toBe(true);
  } finally {
    await stop(instance);
    await database.drop();
  }
});

test("two instances on one database: the same events and refunds sent to both apply once and never overdraw; a queued job runs on one", async () => {
  const database = await freshDatabase();
  const a = await start(E2E_PORTS.instances[1], database.url);
  const b = await start(E2E_PORTS.instances[2], database.url);
  try {
    const orders = Array.from({ length: 300 }, (_, i) => paid(10_000 + i, 30));
    // Every order refunded twice over (two refund events of its full amount): the second finds nothing left to claw back.
    const refunds = orders.flatMap((o, i) => {
      const { data } = JSON.parse(o.body) as { data: { order_id: string; subtotal_cents: number } };
      return [1, 2].map((n) => event(`inst-ref-${i}-${n}`, "order.refunded", { order_id: data.order_id, amount_cents: data.subtotal_cents }));
    });
    // Each event goes to both instances at once, as a shop retrying against a load balancer would.
    const twice = (list: { id: string; body: string }[]) => list.flatMap((e) => [e, e]);
    expect([...(await send([a, b], twice(orders), 60)).values()].every((s) => s === 200)).toBe(true);
    expect([...(await send([a, b], twice(refunds), 60)).values()].every((s) => s === 200 || s === 422)).toBe(true);

    const [applied] = await query<{ events: number; earned: number; negative: number }>(
      database.url,
      `select (select count(*)::int from shop_events where id like 'inst-%') as events,
              (select count(*)::int from ledger_entries where kind = 'earn_order' and source_ref like 'order:inst-ord-%') as earned,
              (select count(*)::int from members where points_balance < 0) as negative`,
    );
    expect(applied).toEqual({ events: 300 + 600, earned: 300, negative: 0 });
    expect(ledgerVerifies(database.url)).toBe(true);

    // The hourly upkeep, queued once: one of the two instances runs it, the other never does.
    // (A client of the queue that only sends: no schedules, no maintenance, no workers.)
    const sender = new PgBoss({ connectionString: database.url, schedule: false, supervise: false, migrate: false });
    await sender.start();
    const id = await sender.send("upkeep", {});
    await sender.stop({ graceful: false });
    let runs: { state: string }[] = [];
    for (let i = 0; i < 60 && !runs.some((r) => r.state === "completed"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      runs = await query(database.url, `select state::text from pgboss.job where id = $1 union all select state::text from pgboss.archive where id = $1`, [id]);
    }
    expect(runs).toEqual([{ state: "completed" }]);
  } finally {
    await stop(a);
    await stop(b);
    await database.drop();
  }
});

test("two instances deliver each push and each mail once and expire points once", async () => {
  const database = await freshDatabase();
  const smtp = await startTestSmtpServer();
  // The tests' push service (e2e/push-service.ts) on this machine's loopback, allowed explicitly; mail to a real SMTP server here.
  const pushEnv = {
    NODE_EXTRA_CA_CERTS: pushServiceCert,
    TREUE_PUSH_SERVICES: `127.0.0.1:${PUSH_SERVICE_PORT}`,
    TREUE_PUSH_PRIVATE_NETWORK: "1",
    EMAIL_SERVER: smtp.url,
    EMAIL_FROM: "Treue <treue@shop.example>",
  };
  const a = await start(E2E_PORTS.instances[3], database.url, pushEnv);
  const b = await start(E2E_PORTS.instances[4], database.url, pushEnv);
  const service = await startPushService();
  try {
    const customer = 2_000_000;
    expect([...(await send([a], [paid(customer, 1_000_000_000)], 1)).values()]).toEqual([200]);
    const [member] = await query<{ id: string }>(database.url, `select id::text from members where email = $1`, [`inst-c${customer}@example.com`]);
    await query(database.url, `insert into push_subscriptions (member_id, endpoint, p256dh, auth) values ($1, $2, $3, $4)`, [member!.id, service.subscription.endpoint, service.subscription.keys.p256dh, service.subscription.keys.auth]);

    // Ten more orders of hers, each sent to both instances: ten notifications, each pushed once.
    const orders = Array.from({ length: 10 }, (_, i) => paid(customer + (i + 1) * 1_000_000_000, 1_000_000_000 * 100));
    const sameCustomer = orders.map((o) => {
      const parsed = JSON.parse(o.body) as { data: { customer: object } };
      parsed.data.customer = { id: `inst-c${customer}`, email: `inst-c${customer}@example.com` };
      return { id: o.id, body: JSON.stringify(parsed) };
    });
    expect([...(await send([a, b], sameCustomer.flatMap((e) => [e, e]), 8)).values()].every((s) => s === 200)).toBe(true);
    // Every message the push service gets until it has been quiet for 3 s (orders may also raise her tier: one more push).
    const delivered: string[] = [];
    for (;;) {
      const message = await service.nextMessage(delivered.length === 0 ? 30_000 : 3_000).catch(() => null);
      if (message === null) break;
      delivered.push((JSON.parse(message) as { id: string }).id);
    }
    const sent = await query<{ id: string; kind: string }>(database.url, `select id::text, kind from notifications where member_id = $1 and status = 'sent'`, [member!.id]);
    expect(sent.filter((n) => n.kind === "points_earned")).toHaveLength(10);
    expect(new Set(delivered).size).toBe(delivered.length); // nothing twice
    expect(delivered.sort()).toEqual(sent.map((n) => n.id).sort()); // everything once
    expect(await query(database.url, `select id from notifications where member_id = $1 and status <> 'sent'`, [member!.id])).toEqual([]);

    // A shopper who signed in once and has no push: her new tier reaches her by e-mail, once, though both instances got the order twice.
    const mailed = "inst-mail@example.com";
    await query(database.url, `insert into members (email, email_verified, shop_customer_id) values ($1, now(), 'inst-mail')`, [mailed]);
    const big = event("inst-mail-order", "order.paid", { order_id: "inst-mail-order", customer: { id: "inst-mail", email: mailed }, currency: "EUR", subtotal_cents: 1_000_000, items: [] });
    expect([...(await send([a, b], [big, big, big, big], 4)).values()].every((s) => s === 200)).toBe(true);
    await expect.poll(() => smtp.received.filter((m) => m.envelopeTo.includes(mailed)).length, { timeout: 30_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // and no second one
    const mails = smtp.received.filter((m) => m.envelopeTo.includes(mailed));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Willkommen im Status /)]);
    expect(mails[0]!.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    // Points earned two years ago and never used: the hourly upkeep, queued twice, expires them once.
    const [dormant] = await query<{ id: string }>(database.url, `insert into members (email, shop_customer_id) values ('inst-dormant@example.com', 'inst-dormant') returning id::text`);
    const target = dormant!.id;
    await query(database.url, `insert into ledger_entries (member_id, delta, kind, source_ref, idempotency_key, created_at) values ($1, 500, 'earn_task', 'old', 'inst-old-earn', now() - interval '2 years')`, [target]);
    const sender = new PgBoss({ connectionString: database.url, schedule: false, supervise: false, migrate: false });
    await sender.start();
    for (let round = 0; round < 2; round++) {
      const id = await sender.send("upkeep", {});
      for (let i = 0; i < 60; i++) {
        const [run] = await query<{ state: string }>(database.url, `select state::text from pgboss.job where id = $1 union all select state::text from pgboss.archive where id = $1`, [id]);
        if (run?.state === "completed") break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    await sender.stop({ graceful: false });
    const expired = await query<{ delta: number }>(database.url, `select delta from ledger_entries where member_id = $1 and kind = 'expire'`, [target]);
    expect(expired).toEqual([{ delta: -500 }]);
    const [balance] = await query<{ points_balance: number }>(database.url, `select points_balance from members where id = $1`, [target]);
    expect(balance!.points_balance).toBe(0);
  } finally {
    await service.close();
    await smtp.close();
    await stop(a);
    await stop(b);
    await database.drop();
  }
});
