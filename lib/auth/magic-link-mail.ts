// Writes the sign-in mail; lib/mail/deliver.ts sends it.
import { deliverMail } from "../mail/deliver";

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
  const { subject, text } = magicLinkMail(url, new URL(url).host);
  await deliverMail({ to: identifier, subject, text, url });
}
