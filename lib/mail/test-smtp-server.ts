// A real SMTP server on the loopback for the tests (smtp-server, the library Nodemailer's authors
// keep): it receives over the wire what the app sends and parses it (mailparser), so the tests
// see the headers, parts and links a mail client would, and can answer with an SMTP error.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = ParsedMail & {
  envelopeTo: string[];
  /** A header's value as sent (mailparser reshapes List-* headers). */
  header: (name: string) => string | undefined;
};

export async function startTestSmtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  /** Answers the next mails to `address` with this SMTP code (e.g. 550 unknown mailbox, 451 try later). */
  refuse: (address: string, code: number) => void;
  close: () => Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // The app keeps its pooled connection open while idle, so close() would wait the default 30 s
    // for it to leave; once a test is done with the server, those connections can go at once.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      const code = refusals.get(address.address.toLowerCase());
      if (code === undefined) return callback();
      const error = Object.assign(new Error(code >= 500 ? "mailbox unavailable" : "try again later"), { responseCode: code });
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const header = (name: string) => mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, "");
          received.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address), header }));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (address, code) => refusals.set(address.toLowerCase(), code),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
