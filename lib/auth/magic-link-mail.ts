// Writes and delivers the sign-in mail: over SMTP when EMAIL_SERVER is set, otherwise into
// the local mailbox (development and demo only; env() refuses that in production).
import { createTransport } from "nodemailer";
import { env } from "../env";
import { getDb } from "../db";
import { captureMail } from "../db/queries/mailbox";

export function magicLinkMail(url: string, host: string) {
  const subject = `Dein Anmeldelink für ${host} · Your sign-in link`;
  const text = [
    "Hallo!",
    "",
    `Mit diesem Link meldest du dich bei ${host} an (15 Minuten gültig):`,
    url,
    "",
    "Du hast keinen Link angefordert? Dann ignoriere diese E-Mail einfach.",
    "",
    "—",
    "",
    `Use this link to sign in to ${host} (valid for 15 minutes):`,
    url,
    "",
    "Didn't ask for it? Just ignore this email.",
  ].join("\n");
  return { subject, text };
}

export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  const config = env();
  const { subject, text } = magicLinkMail(url, new URL(url).host);
  if (config.email) {
    await createTransport(config.email.server).sendMail({ to: identifier, from: config.email.from, subject, text });
    return;
  }
  if (!config.mailboxEnabled) throw new Error("no way to deliver e-mail: set EMAIL_SERVER");
  await captureMail(await getDb(), { to: identifier, subject, text, url });
}
