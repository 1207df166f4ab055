// A campaign to 100,000 members on PostgreSQL: how long recording the audience and queueing the
// messages takes (the campaigns job, batches of 5,000), then the sending rate of the mail outbox
// through a local SMTP server (smtp-server, receiving over loopback) with two and four workers
// sending at once, as that many app instances would. Makes and drops its own database.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { admin, adminUrl } from "./admin-db";
import { connect, type Database } from "../lib/db/connect";
import { createCampaign, dispatchDueCampaigns } from "../lib/server/campaigns";
import { deliverDueMails } from "../lib/mail/outbox-worker";
import { smtpSender } from "../lib/mail/transport";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
/** Mails sent per measurement: enough for a steady rate without sending all 100,000 twice. */
const SAMPLE = Number(process.env.BENCH_MAILS ?? 6_000);
// Noon in Berlin: outside quiet hours, so what is queued is due at once.
const noon = new Date(`${new Date().toISOString().slice(0, 10)}T11:00:00Z`);

async function countingSmtpServer() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received++;
        callback();
      });
    },
  });
  // A mail server answers each SMTP line at once (as Postfix does); Node's default would hold replies back.
  server.server.on("connection", (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function seed(db: Database) {
  await db.execute(sql`insert into programs (id, name, launched_at) values ('default', 'Bench', now())`);
  // Enrolled members; four in five asked for offers by e-mail (the rest are in the audience, not mailed).
  await db.execute(sql.raw(`insert into members (email, email_verified, marketing_mail_confirmed_at, tier_id)
    select 'm' || i || '@example.com', now() - interval '1 year', case when i % 5 <> 0 then now() - interval '1 month' end, null
    from generate_series(1, ${MEMBERS}) i`));
  const { rows } = (await db.execute(sql`insert into members (email, role) values ('owner@example.com', 'owner') returning id::text as id`)) as unknown as { rows: { id: string }[] };
  return rows[0]!.id;
}

async function sendSample(db: Database, smtpUrl: string, workers: number, count: number): Promise<number> {
  const send = smtpSender(smtpUrl, "Bench <bench@example.com>");
  let sent = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (sent < count) {
        const report = await deliverDueMails(db, send, { now: noon, limit: 50 });
        sent += report.sent;
        if (report.sent + report.failed + report.retrying + report.skipped === 0) break;
      }
    }),
  );
  return sent / ((performance.now() - t0) / 1000);
}

async function main() {
  const name = `treue_bench_campaign_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const { db, close } = await connect({ kind: "postgres", url: url.toString(), poolSize: 10 });
  const smtp = await countingSmtpServer();
  try {
    const ownerId = await seed(db);
    await createCampaign(db, { id: ownerId, email: "owner@example.com" }, { name: "Bench", message: { de: { title: "Sommerfest", body: "Doppelte Punkte am Samstag." } }, segment: {}, scheduledAt: noon.toISOString() }, noon);
    const t0 = performance.now();
    let queued = 0;
    for (;;) {
      const step = await dispatchDueCampaigns(db, noon);
      queued += step.queued;
      if (step.campaigns === 0) break;
    }
    const enqueueMs = performance.now() - t0;
    console.log(`campaign: ${MEMBERS.toLocaleString("en")} members, ${queued.toLocaleString("en")} mails queued (the rest without consent) in ${(enqueueMs / 1000).toFixed(1)} s (${Math.round(queued / (enqueueMs / 1000)).toLocaleString("en")}/s)`);
    for (const workers of [2, 4]) {
      const rate = await sendSample(db, smtp.url, workers, SAMPLE);
      console.log(`campaign: sending through a local SMTP server, ${workers} workers: ${Math.round(rate)} mails/s (${SAMPLE.toLocaleString("en")} mails; 100,000 in ${Math.round(100_000 / rate / 60)} min)`);
    }
    console.log(`campaign: the SMTP server received ${smtp.received().toLocaleString("en")} mails`);
  } finally {
    await smtp.close();
    await close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
