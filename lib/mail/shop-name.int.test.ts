import { afterAll, beforeAll, expect, it } from "vitest";
import { sendMagicLink } from "../auth/magic-link-mail";
import { PROGRAM_ID } from "../db/program-id";
import { listCapturedMails } from "../db/queries/mailbox";
import { programs } from "../db/schema";
import { describeEachDatabase, routesUse } from "../db/test-databases";
import { startTestSmtpServer } from "./test-smtp-server";
import { smtpSender } from "./transport";

let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(() => smtp.close());

describeEachDatabase("mails name the shop", (db) => {
  const link = "http://127.0.0.1:36655/api/auth/callback/email?token=abc";

  it("titles the sign-in mail with the shop, not the server's host, and says Treue before there is a program", async () => {
    routesUse(db());
    await sendMagicLink({ identifier: "vorher@example.com", url: link });
    await db().insert(programs).values({ id: PROGRAM_ID, name: "Radhaus Müller" });
    await sendMagicLink({ identifier: "kundin@example.com", url: link });
    const [mail] = await listCapturedMails(db(), { to: "kundin@example.com" });
    expect(mail!.subject).toBe("Dein Anmeldelink für Radhaus Müller · Your sign-in link for Radhaus Müller");
    expect(mail!.subject).not.toContain("127.0.0.1");
    expect(mail!.text).toContain("meldest du dich bei Radhaus Müller an");
    expect(mail!.text).toContain(link);
    const [before] = await listCapturedMails(db(), { to: "vorher@example.com" });
    expect(before!.subject).toBe("Dein Anmeldelink für Treue · Your sign-in link for Treue");
  });

  it("sends under the shop's name when the configured sender is a bare address, and keeps an operator's display name", async () => {
    await smtpSender(smtp.url, "treue@shop.example")({ to: "a@example.com", subject: "Hallo", text: "Hallo", fromName: "Radhaus Müller" });
    await smtpSender(smtp.url, "Fellfreunde <treue@shop.example>")({ to: "b@example.com", subject: "Hallo", text: "Hallo", fromName: "Radhaus Müller" });
    const from = (to: string) => smtp.received.find((m) => m.envelopeTo.includes(to))?.from?.value[0];
    expect(from("a@example.com")).toEqual({ name: "Radhaus Müller", address: "treue@shop.example" });
    expect(from("b@example.com")).toEqual({ name: "Fellfreunde", address: "treue@shop.example" });
  });
});
