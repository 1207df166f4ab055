// Apple Wallet's configuration: all of it or none, each certificate and key read (inline or from a
// file) and checked at start-up, with one line that names what to fix. The APNs key is optional
// (both of its variables or neither): without it, the pass certificate authenticates the pushes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../env";
import { makeTestChain } from "./test-kit";

const chain = makeTestChain("pass.de.example.treue");
const complete = {
  NEXTAUTH_URL: "https://treue.example",
  TREUE_APPLE_PASS_TYPE_ID: "pass.de.example.treue",
  TREUE_APPLE_TEAM_ID: "TEAM123456",
  TREUE_APPLE_PASS_CERT: chain.signerCertPem,
  TREUE_APPLE_PASS_KEY: chain.signerKeyPem,
  TREUE_APPLE_WWDR_CERT: chain.wwdrPem,
  TREUE_APPLE_APNS_KEY: chain.apnsKeyPem,
  TREUE_APPLE_APNS_KEY_ID: "KEY1234567",
};

describe("Apple Wallet configuration", () => {
  it("is off when nothing is set, on with everything, and reads PEMs from files too", () => {
    expect(parseEnv({}).appleWallet).toBeUndefined();
    expect(parseEnv(complete).appleWallet).toMatchObject({ passTypeId: "pass.de.example.treue", teamId: "TEAM123456", apnsAuth: { method: "token", keyId: "KEY1234567" }, apnsUrl: "https://api.push.apple.com" });
    const dir = mkdtempSync(path.join(tmpdir(), "treue-apple-"));
    writeFileSync(path.join(dir, "pass.pem"), chain.signerCertPem);
    writeFileSync(path.join(dir, "AuthKey.p8"), chain.apnsKeyPem);
    expect(parseEnv({ ...complete, TREUE_APPLE_PASS_CERT: path.join(dir, "pass.pem"), TREUE_APPLE_APNS_KEY: path.join(dir, "AuthKey.p8") }).appleWallet?.signerCert).toBe(chain.signerCertPem);
  });

  it("stops start-up with one line for a partial or wrong configuration", () => {
    expect(() => parseEnv({ TREUE_APPLE_PASS_TYPE_ID: "pass.de.example.treue" })).toThrow(ConfigError);
    expect(() => parseEnv({ TREUE_APPLE_PASS_TYPE_ID: "pass.de.example.treue" })).toThrow(/together \(missing: TREUE_APPLE_TEAM_ID, .*TREUE_APPLE_WWDR_CERT\)$/);
    expect(() => parseEnv({ TREUE_APPLE_APNS_KEY_ID: "KEY1234567" })).toThrow(/together \(missing: TREUE_APPLE_PASS_TYPE_ID, /);
    expect(() => parseEnv({ ...complete, NEXTAUTH_URL: undefined })).toThrow(/needs NEXTAUTH_URL/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_PASS_TYPE_ID: "de.example" })).toThrow(/TREUE_APPLE_PASS_TYPE_ID must be a Pass Type ID/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_PASS_CERT: "/no/such/file.pem" })).toThrow(/TREUE_APPLE_PASS_CERT is neither a PEM/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_PASS_KEY: makeTestChain("pass.x").signerKeyPem })).toThrow(/TREUE_APPLE_PASS_KEY does not belong to TREUE_APPLE_PASS_CERT/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_APNS_KEY: chain.signerKeyPem })).toThrow(/EC P-256/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_APNS_KEY: "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" })).toThrow(/^TREUE_APPLE_APNS_KEY is not a PEM private key$/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_APNS_KEY_ID: "key" })).toThrow(/TREUE_APPLE_APNS_KEY_ID must be the 10-character Key ID/);
    expect(() => parseEnv({ ...complete, TREUE_APPLE_APNS_URL: "http://apns.example" })).toThrow(/plain http only to localhost/);
    expect(parseEnv({ ...complete, TREUE_APPLE_APNS_URL: "http://127.0.0.1:8443/" }).appleWallet?.apnsUrl).toBe("http://127.0.0.1:8443");
  });

  it("authenticates pushes with the pass certificate when no APNs key is set, and wants both key variables or neither", () => {
    const { TREUE_APPLE_APNS_KEY, TREUE_APPLE_APNS_KEY_ID, ...withoutKey } = complete;
    const config = parseEnv(withoutKey).appleWallet;
    expect(config?.apnsAuth).toEqual({ method: "certificate" });
    expect(config?.apnsUrl).toBe("https://api.push.apple.com");
    expect(parseEnv({ ...withoutKey, TREUE_APPLE_APNS_URL: "https://127.0.0.1:8443" }).appleWallet?.apnsAuth).toEqual({ method: "certificate" });
    // Only one of the pair: the line names the other, and never the value.
    expect(() => parseEnv({ ...withoutKey, TREUE_APPLE_APNS_KEY })).toThrow(/^TREUE_APPLE_APNS_KEY and TREUE_APPLE_APNS_KEY_ID go together, .*\(missing: TREUE_APPLE_APNS_KEY_ID\)$/);
    expect(() => parseEnv({ ...withoutKey, TREUE_APPLE_APNS_KEY_ID })).toThrow(/\(missing: TREUE_APPLE_APNS_KEY\)$/);
    expect(() => parseEnv({ ...withoutKey, TREUE_APPLE_APNS_KEY_ID })).not.toThrow(new RegExp(TREUE_APPLE_APNS_KEY_ID));
    // Plain http has no client certificate: only token auth may use the loopback stand-in without TLS.
    expect(() => parseEnv({ ...withoutKey, TREUE_APPLE_APNS_URL: "http://127.0.0.1:8443" })).toThrow(/TREUE_APPLE_APNS_URL must be https when the pass certificate authenticates/);
  });
});
