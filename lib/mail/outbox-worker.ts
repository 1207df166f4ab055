// Sends the e-mails the outbox holds. Every app instance (or job run) may run it at once:
// claims (SKIP LOCKED + lease) keep them off each other's rows, so each mail goes out once,
// and the push retry policy spaces out failures.
import type { Database } from "../db/connect";
import { claimDueMails, markNotificationFailed, markNotificationSent, rescheduleNotification, TRANSACTIONAL_MAIL, type ClaimedMail } from "../db/queries/notifications";
import { suppressEmail } from "../db/queries/email-suppressions";
import { getProgramConfig, getProgramFace, type ProgramConfig } from "../db/queries/program";
import { journeyFromSource } from "../loyalty/journeys";
import { isMarketing } from "../loyalty/messaging";
import { retryDelayMs, shouldGiveUp } from "../push/retry-policy";
import { mailSigningKey } from "./link-signing";
import { env } from "../env";
import { clickToken, consentToken, mailLinks, openToken, publicBaseUrl, unsubscribeToken } from "./links";
import { renderMerged } from "./mail-merge";
import { renderConsentMail } from "./render-mail";
import type { MailSender, OutgoingMail } from "./transport";

/** SMTP answers that mean the mailbox does not exist (RFC 5321): no mail goes there again. */
const MAILBOX_GONE = [550, 551, 553];

/** Longer than any send takes: a worker that dies mid-batch hands its rows back after this. */
const LEASE_MS = 5 * 60 * 1000;

export type MailReport = { sent: number; retrying: number; failed: number; skipped: number };

type MailContext = { config: ProgramConfig; face: Awaited<ReturnType<typeof getProgramFace>>; key: string };

/** What every mail of a batch shares: the program's settings and face, the link-signing key. */
async function mailContext(db: Database): Promise<MailContext> {
  const [config, face, key] = await Promise.all([getProgramConfig(db), getProgramFace(db), mailSigningKey(db)]);
  return { config, face, key };
}

/** The mail for one claimed message, with its one-click unsubscribe headers (RFC 8058). */
export async function composeMail(n: ClaimedMail, { config, face, key }: MailContext): Promise<OutgoingMail> {
  const frame = {
    locale: n.locale,
    name: n.name,
    shopName: face?.branding.shopName || face?.name || "Treue",
    branding: face?.branding ?? {},
    baseUrl: publicBaseUrl(),
    timeZone: config.timeZone,
    preferencesUrl: mailLinks.preferences(),
  };
  if (n.kind === TRANSACTIONAL_MAIL) {
    const confirm = mailLinks.confirmConsent(consentToken(key, n.memberId, new Date(Number(n.params.requestedAt))));
    return { to: n.email, fromName: frame.shopName, ...(await renderConsentMail(frame, confirm)) };
  }
  const journey = journeyFromSource(n.source);
  // A campaign's words are the owner's, kept on the message in both languages.
  const p = n.params;
  const campaignWords = n.kind === "campaign" ? { de: { subject: String(p.title_de), body: String(p.body_de) }, en: { subject: String(p.title_en), body: String(p.body_en) } } : undefined;
  const unsubscribe = unsubscribeToken(key, n.memberId, n.category);
  const rendered = await renderMerged(
    n,
    {
      ...frame,
      marketing: isMarketing(n.category),
      unsubscribeUrl: mailLinks.unsubscribePage(unsubscribe),
      openPixelUrl: env().mailOpenTracking ? mailLinks.openPixel(openToken(key, n.id)) : undefined,
    },
    mailLinks.click(clickToken(key, n.id, n.url)),
    campaignWords ?? (journey ? config.journeys[journey].texts : undefined),
  );
  return {
    to: n.email,
    fromName: frame.shopName,
    ...rendered,
    headers: {
      "List-Unsubscribe": `<${mailLinks.unsubscribeOneClick(unsubscribe)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

export async function deliverDueMails(
  db: Database,
  send: MailSender,
  { now = new Date(), limit = 50, random = Math.random }: { now?: Date; limit?: number; random?: () => number } = {},
): Promise<MailReport> {
  const report: MailReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const batch = await claimDueMails(db, now, limit, LEASE_MS);
  const context = batch.length > 0 ? await mailContext(db) : null;
  for (const n of batch) {
    if (!n.allowed) {
      // Unsubscribed, consent withdrawn or bounced since it was queued: it must not go out.
      await markNotificationFailed(db, n.id, "no longer wanted by e-mail");
      report.skipped++;
      continue;
    }
    try {
      await send(await composeMail(n, context!));
      await markNotificationSent(db, n.id, now);
      report.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const code = (error as { responseCode?: unknown }).responseCode;
      const permanent = typeof code === "number" && code >= 500 && code < 600;
      if (permanent && MAILBOX_GONE.includes(code)) await suppressEmail(db, n.email, "bounce", reason);
      if (permanent || shouldGiveUp(n.attempts)) {
        await markNotificationFailed(db, n.id, reason);
        report.failed++;
      } else {
        await rescheduleNotification(db, n.id, new Date(now.getTime() + retryDelayMs(n.attempts, random())), reason);
        report.retrying++;
      }
    }
  }
  return report;
}
