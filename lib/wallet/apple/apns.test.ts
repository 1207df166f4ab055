// APNs refuses a provider token it calls expired (403 ExpiredProviderToken) and, renewed too often,
// refuses the renewals too (429 TooManyProviderTokenUpdates). Pushes running in parallel that are
// all refused the same old token must share one new token, not make one each.
import { afterAll, expect, it } from "vitest";
import { closeApnsSessions, providerToken, sendPassUpdate } from "./apns";
import type { AppleWalletConfig } from "./settings";
import { makeTestChain, startLocalApns } from "./test-kit";

const PASS_TYPE = "pass.de.example.treue";
const chain = makeTestChain(PASS_TYPE);
/** The token APNs calls expired (the first one the test makes). */
let expired: string | null = null;
const apns = await startLocalApns(chain.apnsPublicPem, (request) => (request.headers.authorization === `bearer ${expired}` ? { status: 403, reason: "ExpiredProviderToken" } : { status: 200 }), 20);
afterAll(async () => {
  closeApnsSessions();
  await apns.close();
});

const config: AppleWalletConfig & { apnsAuth: { method: "token" } } = {
  passTypeId: PASS_TYPE,
  teamId: "TEAM123456",
  signerCert: chain.signerCertPem,
  signerKey: chain.signerKeyPem,
  wwdr: chain.wwdrPem,
  apnsAuth: { method: "token", key: chain.apnsKeyPem, keyId: "KEY1234567" },
  apnsUrl: apns.url,
};

it("makes one new provider token for parallel pushes that were all refused the old one as expired", async () => {
  const now = Date.now();
  expired = await providerToken(config.teamId, config.apnsAuth, now);
  const tokens = Array.from({ length: 6 }, (_, i) => i.toString(16).padStart(2, "0") + "d".repeat(62));
  const answers = await Promise.all(tokens.map((token) => sendPassUpdate(config, token, now)));
  expect(answers.map((a) => a.status)).toEqual(tokens.map(() => 200));

  const bearers = apns.requests.map((r) => String(r.headers.authorization));
  expect(apns.requests).toHaveLength(12);
  expect(apns.requests.every((r) => r.jwtError === null)).toBe(true);
  // The old token six times, then one new token for all six retries.
  expect(bearers.filter((b) => b === `bearer ${expired}`)).toHaveLength(6);
  expect(new Set(bearers).size).toBe(2);
  // And the pushes after them keep using it.
  const renewed = bearers.find((b) => b !== `bearer ${expired}`)!;
  expect(`bearer ${await providerToken(config.teamId, config.apnsAuth, now)}`).toBe(renewed);
});
