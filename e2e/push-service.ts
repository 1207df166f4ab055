// A stand-in for a browser vendor's push service, as the e2e tests need one: Chromium cannot
// reach the real one here. It speaks HTTPS with a test certificate the app server trusts
// (playwright.config.ts: NODE_EXTRA_CA_CERTS) and decrypts what it receives (RFC 8291), because
// the test holds the subscription's private key.
import { createECDH, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import path from "node:path";
import ece from "http_ece";
import { E2E_PORTS } from "./ports";

export const pushServiceCert = path.join(__dirname, "fixtures/push-service.crt");
/** Its fixed port: the app server allows pushes to exactly this host and port (playwright.config.ts). */
export const PUSH_SERVICE_PORT = E2E_PORTS.pushService;

export type PushService = {
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The next message the app server pushes to the subscription, decrypted. */
  nextMessage: (timeoutMs?: number) => Promise<string>;
  close: () => Promise<void>;
};

export async function startPushService(): Promise<PushService> {
  const keys = createECDH("prime256v1");
  keys.generateKeys();
  const authSecret = randomBytes(16);
  const waiting: ((message: string) => void)[] = [];
  const inbox: string[] = [];
  const server: Server = createServer(
    { key: readFileSync(path.join(__dirname, "fixtures/push-service.key")), cert: readFileSync(pushServiceCert) },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        const ok = request.method === "POST" && request.headers["content-encoding"] === "aes128gcm" && /^vapid t=/.test(request.headers.authorization ?? "");
        response.writeHead(ok ? 201 : 400).end();
        if (!ok) return;
        const message = ece.decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: keys, authSecret: authSecret.toString("base64url") }).toString("utf8");
        const waiter = waiting.shift();
        if (waiter) waiter(message);
        else inbox.push(message);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(PUSH_SERVICE_PORT, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    subscription: {
      endpoint: `https://127.0.0.1:${port}/push/${randomUUID()}`,
      keys: { p256dh: keys.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") },
    },
    nextMessage: (timeoutMs = 15_000) =>
      inbox.length > 0
        ? Promise.resolve(inbox.shift()!)
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("no push arrived")), timeoutMs);
            waiting.push((m) => {
              clearTimeout(timer);
              resolve(m);
            });
          }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
