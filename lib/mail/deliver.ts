// Sends one mail at once, outside the outbox: sign-in links and staff invitations, which the
// person is waiting for right now.
import { configuredMailSender, type OutgoingMail } from "./transport";

export async function deliverMail(mail: OutgoingMail): Promise<void> {
  await configuredMailSender()(mail);
}
