// Where mail goes: over SMTP when EMAIL_SERVER is set (one pooled connection per process, so a
// campaign does not open a connection per mail), otherwise into the local mailbox at /dev/mailbox
// (development and demo only; env() refuses that in production).
import { connect, type Socket } from "node:net";
import { createTransport, type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { getDb } from "../db";
import { captureMail } from "../db/queries/mailbox";
import { env } from "../env";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /** The shop's name, shown as the sender when EMAIL_FROM is a bare address. */
  fromName?: string;
  /** The link the mail is about, kept by the dev mailbox for one-click sign-in. */
  url?: string;
};

/** Sends one mail; throws when the receiving side refused it (the caller retries or gives up). */
export type MailSender = (mail: OutgoingMail) => Promise<void>;

const pools = new Map<string, Transporter>();

/**
 * Opens the TCP connection to the mail server with Nagle's algorithm off: SMTP is a dialogue of
 * short lines, and with it on each command waits for the last one's delayed ACK (40 ms on Linux),
 * which held sending to about 20 mails a second per connection. TLS (smtps:// or STARTTLS) is
 * layered on this socket by Nodemailer as usual.
 */
function connectWithoutDelay(options: SMTPPool.Options, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const socket = connect({ host: options.host ?? "localhost", port: options.port ?? (options.secure ? 465 : 587) });
  socket.setNoDelay(true);
  const failed = (error: Error) => callback(error);
  socket.once("error", failed);
  socket.once("connect", () => {
    socket.off("error", failed);
    callback(null, { connection: socket });
  });
}

/** A sender over SMTP to `server` (an smtp:// or smtps:// URL), pooled per server. */
export function smtpSender(server: string, from: string): MailSender {
  let transport = pools.get(server);
  if (!transport) {
    transport = createTransport({ ...parseConnectionUrl(server), pool: true, getSocket: connectWithoutDelay } as SMTPPool.Options);
    pools.set(server, transport);
  }
  const pooled = transport;
  // An EMAIL_FROM with a display name is the operator's choice; a bare address gets the shop's name.
  const named = /<[^>]+>/.test(from);
  return async ({ to, subject, text, html, headers, fromName }) => {
    const sender = !named && fromName ? { name: fromName, address: from.trim() } : from;
    await pooled.sendMail({ to, from: sender, subject, text, ...(html !== undefined && { html }), ...(headers && { headers }) });
  };
}

/** The sender this process is configured for. */
export function configuredMailSender(): MailSender {
  const config = env();
  if (config.email) return smtpSender(config.email.server, config.email.from);
  if (!config.mailboxEnabled) throw new Error("no way to deliver e-mail: set EMAIL_SERVER");
  return async ({ fromName: _sender, ...mail }) => captureMail(await getDb(), mail);
}
