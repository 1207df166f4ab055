// Pushes authenticated by the pass certificate (no APNs key set): a local APNs over TLS that demands
// a client certificate issued by the (stand-in) WWDR CA receives the pass update, with the Pass
// Type ID certificate as the connection's client certificate and no authorization header; clients
// without an acceptable certificate are refused in the handshake.
import { X509Certificate } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { closeApnsSessions, sendPassUpdate } from "./apns";
import type { AppleWalletConfig } from "./settings";
import { makeTestChain, makeTestServerIdentity, startLocalApns } from "./test-kit";

const PASS_TYPE = "pass.de.example.treue";
const TOKEN = "c".repeat(64);
const chain = makeTestChain(PASS_TYPE);
const server = makeTestServerIdentity();
const apns = await startLocalApns(chain.apnsPublicPem, () => ({ status: 200 }), 0, { server, trustedClientCaPem: chain.wwdrPem });
afterEach(() => closeApnsSessions());
afterAll(() => apns.close());

function configOf(extra: Record<string, string> = {}, passChain = chain): AppleWalletConfig {
  const config = parseEnv({
    NEXTAUTH_URL: "https://treue.example",
    TREUE_APPLE_PASS_TYPE_ID: PASS_TYPE,
    TREUE_APPLE_TEAM_ID: "TEAM123456",
    TREUE_APPLE_PASS_CERT: passChain.signerCertPem,
    TREUE_APPLE_PASS_KEY: passChain.signerKeyPem,
    TREUE_APPLE_WWDR_CERT: passChain.wwdrPem,
    TREUE_APPLE_APNS_URL: apns.url,
    ...extra,
  }).appleWallet;
  if (!config) throw new Error("Apple Wallet is not configured");
  return config;
}

describe("APNs with the pass certificate", () => {
  it("sends the pass update over a connection whose client certificate is the pass certificate, without an authorization header", async () => {
    const config = configOf();
    expect(config.apnsAuth).toEqual({ method: "certificate" });
    const before = apns.requests.length;

    await expect(sendPassUpdate(config, TOKEN, Date.now(), { ca: server.caPem })).resolves.toEqual({ status: 200, reason: null, retryAfterSeconds: null });
    await expect(sendPassUpdate(config, TOKEN, Date.now(), { ca: server.caPem })).resolves.toMatchObject({ status: 200 });

    const sent = apns.requests.slice(before);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.path).toBe(`/3/device/${TOKEN}`);
      expect(request.headers).toMatchObject({ ":method": "POST", "apns-topic": PASS_TYPE, "apns-push-type": "background", "apns-priority": "5" });
      expect(request.headers.authorization).toBeUndefined();
      expect(request.jwt).toBeNull();
      expect(request.jwtError).toBeNull();
      expect(request.body).toBe("{}");
      expect(request.clientCertificate).toEqual({ commonName: `Pass Type ID: ${PASS_TYPE}`, fingerprint256: new X509Certificate(chain.signerCertPem).fingerprint256 });
    }
  });

  it("is refused without a client certificate the server trusts, and trusts no server it was not told to", async () => {
    const refusedBefore = apns.refusedHandshakes.length;
    const requestsBefore = apns.requests.length;
    // Token auth presents no client certificate: this server (certificate-based) refuses the connection.
    const byToken = configOf({ TREUE_APPLE_APNS_KEY: chain.apnsKeyPem, TREUE_APPLE_APNS_KEY_ID: "KEY1234567" });
    expect(byToken.apnsAuth.method).toBe("token");
    await expect(sendPassUpdate(byToken, TOKEN, Date.now(), { ca: server.caPem })).rejects.toThrow();
    // A pass certificate from another (untrusted) chain.
    const stranger = makeTestChain(PASS_TYPE);
    await expect(sendPassUpdate(configOf({}, stranger), TOKEN, Date.now(), { ca: server.caPem })).rejects.toThrow();
    expect(apns.refusedHandshakes.length - refusedBefore).toBe(2);
    // Without the test CA the client does not trust the local server's certificate.
    await expect(sendPassUpdate(configOf(), TOKEN, Date.now())).rejects.toThrow(/self.signed|unable to (get|verify)/i);
    expect(apns.requests).toHaveLength(requestsBefore);
  });
});
