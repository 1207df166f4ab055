// Delivers one plain-text mail: over SMTP when EMAIL_SERVER is set, otherwise into the local
// mailbox (development and demo only; env() refuses that in production).
import { createTransport } from "nodemailer";
import { env } from "../env";
import { getDb } from "../db";
import { captureMail } from "../db/queries/mailbox";

export async function deliverMail({ to, subject, text, url }: { to: string; subject: string; text: string; url?: string }): Promise<void> {
  const config = env();
  if (config.email) {
    await createTransport(config.email.server).sendMail({ to, from: config.email.from, subject, text });
    return;
  }
  if (!config.mailboxEnabled) throw new Error("no way to deliver e-mail: set EMAIL_SERVER");
  await captureMail(await getDb(), url ? { to, subject, text, url } : { to, subject, text });
}
