import { getDb } from "../db";
import { deliverMail } from "./deliver";
import { publicBaseUrl } from "./links";
import { mailShopName } from "./shop-name";

const roleNames = {
  owner: ["Inhaber:in", "owner"],
  admin: ["Administrator:in", "admin"],
  support: ["Kundenservice", "support"],
  moderator: ["Moderation", "moderator"],
  store: ["Kasse im Laden", "store till"],
} as const;

/** Tells a new staff member where the console is; they sign in there with a magic link. */
export async function sendStaffInvite(email: string, role: keyof typeof roleNames, invitedBy: string): Promise<void> {
  const url = `${publicBaseUrl()}/login?callbackUrl=${encodeURIComponent("/console")}`;
  const [de, en] = roleNames[role];
  const shop = await mailShopName(await getDb());
  await deliverMail({
    to: email,
    subject: `Einladung in die Konsole von ${shop} · Invitation to the ${shop} console`,
    fromName: shop,
    text: [
      `${invitedBy} hat dich als ${de} in die Konsole von ${shop} eingeladen.`,
      `Melde dich mit dieser E-Mail-Adresse an: ${url}`,
      "",
      "—",
      "",
      `${invitedBy} invited you to the ${shop} console as ${en}.`,
      `Sign in with this email address: ${url}`,
    ].join("\n"),
    url,
  });
}
