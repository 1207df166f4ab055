// Google Wallet's configuration from the environment: off unless the issuer and its service account
// are both set; each mistake stops start-up with one line that says what to fix, never the key.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../env";

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const key = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "service_account", private_key_id: "k1", private_key: rsa, client_email: "wallet@project.iam.gserviceaccount.com", token_uri: "https://oauth2.googleapis.com/token", ...fields });
const base = { NEXTAUTH_URL: "https://treue.example/", TREUE_GOOGLE_WALLET_ISSUER_ID: "3388000000012345678", TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: key() };

describe("Google Wallet settings", () => {
  it("is off when nothing is set", () => {
    expect(parseEnv({}).googleWallet).toBeUndefined();
  });

  it("reads the issuer, the service account's key and Google's endpoints", () => {
    const config = parseEnv(base).googleWallet!;
    expect(config).toMatchObject({
      issuerId: "3388000000012345678",
      classId: "3388000000012345678.treue_loyalty",
      apiBase: "https://walletobjects.googleapis.com/walletobjects/v1",
      tokenUrl: "https://oauth2.googleapis.com/token",
      appUrl: "https://treue.example",
      serviceAccount: { clientEmail: "wallet@project.iam.gserviceaccount.com", privateKeyId: "k1" },
    });
    expect(config.serviceAccount.privateKey.asymmetricKeyType).toBe("rsa");
  });

  it("takes its own class suffix and endpoints, plain http only to this machine", () => {
    const config = parseEnv({ ...base, TREUE_GOOGLE_WALLET_CLASS_SUFFIX: "gipfel-2027", TREUE_GOOGLE_WALLET_API_BASE: "http://127.0.0.1:9/v1/", TREUE_GOOGLE_WALLET_TOKEN_URL: "http://localhost:9/token" }).googleWallet!;
    expect(config).toMatchObject({ classId: "3388000000012345678.gipfel-2027", apiBase: "http://127.0.0.1:9/v1", tokenUrl: "http://localhost:9/token" });
    expect(() => parseEnv({ ...base, TREUE_GOOGLE_WALLET_API_BASE: "http://wallet.example/v1" })).toThrow("TREUE_GOOGLE_WALLET_API_BASE must be an https URL (plain http only for localhost)");
    expect(() => parseEnv({ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: key({ token_uri: "http://oauth.example/token" }) })).toThrow("the key's token_uri must be an https URL");
    expect(() => parseEnv({ ...base, TREUE_GOOGLE_WALLET_CLASS_SUFFIX: "treue loyalty" })).toThrow("TREUE_GOOGLE_WALLET_CLASS_SUFFIX may hold only");
  });

  it("reads the key from a file when given a path", () => {
    expect(() => parseEnv({ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: "/nowhere/wallet-key.json" })).toThrow("TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: neither a JSON key ({ … }) nor the path of a readable key file");
  });

  it("never repeats the value when it is neither a JSON key nor a readable file (a pasted key must not reach the log)", () => {
    const encoded = Buffer.from(key()).toString("base64");
    for (const value of [rsa, encoded, "/nowhere/wallet-key.json"]) {
      let thrown: unknown;
      try {
        parseEnv({ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const message = (thrown as Error).message;
      expect(message).toContain("TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT");
      expect(message).not.toContain(value.trim().slice(0, 24));
      expect(message).not.toContain("PRIVATE KEY");
    }
  });

  it("names what is missing or wrong, without quoting the key", () => {
    const refusals: [Record<string, string>, string][] = [
      [{ TREUE_GOOGLE_WALLET_ISSUER_ID: "3388000000012345678" }, "needs TREUE_GOOGLE_WALLET_ISSUER_ID and TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT together"],
      [{ ...base, TREUE_GOOGLE_WALLET_ISSUER_ID: "issuer-1" }, "TREUE_GOOGLE_WALLET_ISSUER_ID must be the issuer ID (digits)"],
      [{ ...base, NEXTAUTH_URL: "" }, "Google Wallet needs NEXTAUTH_URL"],
      [{ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: "{not json" }, "the value is not the service account's JSON key"],
      [{ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: key({ client_email: undefined }) }, `the key's "client_email" is missing or wrong`],
      [{ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: key({ private_key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }) }, "private_key is not a PEM private key"],
      [{ ...base, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: key({ private_key: ec }) }, "must be an RSA key"],
    ];
    for (const [source, message] of refusals) {
      let thrown: unknown;
      try {
        parseEnv(source);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, message).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message, message).toContain(message);
      expect((thrown as Error).message).not.toContain("PRIVATE KEY");
    }
  });
});
