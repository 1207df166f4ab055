// Writes the sign-in mail; lib/mail/deliver.ts sends it.
import { getDb } from "../db";
import { deliverMail } from "../mail/deliver";
import { mailShopName } from "../mail/shop-name";

/** The sign-in mail, named after the shop the person signs in to (never the server's host). */
export function magicLinkMail(url: string, shop: string) {
  const subject = `Dein Anmeldelink für ${shop} · Your sign-in link for ${shop}`;
  const text = [
    "Hallo!",
    "",
    `Mit diesem Link meldest du dich bei ${shop} an (15 Minuten gültig):`,
    url,
    "",
    "Du hast keinen Link angefordert? Dann ignoriere diese E-Mail einfach.",
    "",
    "—",
    "",
    `Use this link to sign in to ${shop} (valid for 15 minutes):`,
    url,
    "",
    "Didn't ask for it? Just ignore this email.",
  ].join("\n");
  return { subject, text };
}

export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  const shop = await mailShopName(await getDb());
  const { subject, text } = magicLinkMail(url, shop);
  await deliverMail({ to: identifier, subject, text, url, fromName: shop });
}
