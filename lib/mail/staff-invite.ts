import { deliverMail } from "./deliver";
import { publicBaseUrl } from "./links";

const roleNames = {
  owner: ["Inhaber:in", "owner"],
  admin: ["Administrator:in", "admin"],
  support: ["Kundenservice", "support"],
  moderator: ["Moderation", "moderator"],
} as const;

/** Tells a new staff member where the console is; they sign in there with a magic link. */
export async function sendStaffInvite(email: string, role: keyof typeof roleNames, invitedBy: string): Promise<void> {
  const url = `${publicBaseUrl()}/login?callbackUrl=${encodeURIComponent("/console")}`;
  const [de, en] = roleNames[role];
  await deliverMail({
    to: email,
    subject: "Einladung in die Treue-Konsole · Invitation to the Treue console",
    text: [
      `${invitedBy} hat dich als ${de} in die Treue-Konsole eingeladen.`,
      `Melde dich mit dieser E-Mail-Adresse an: ${url}`,
      "",
      "—",
      "",
      `${invitedBy} invited you to the Treue console as ${en}.`,
      `Sign in with this email address: ${url}`,
    ].join("\n"),
    url,
  });
}
