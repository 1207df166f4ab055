import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const secret = "s".repeat(32);

describe("parseEnv", () => {
  it("runs development with the embedded database and the local mailbox", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.databaseUrl).toBeUndefined();
    expect(env.dataDir).toMatch(/data$/);
    expect(env.mailboxEnabled).toBe(true);
    expect(env.oidc).toBeUndefined();
  });

  it("refuses production without a session secret, in one line", () => {
    expect(() => parseEnv({ NODE_ENV: "production", EMAIL_SERVER: "smtp://x", EMAIL_FROM: "a@b.de" })).toThrow(
      new ConfigError("NEXTAUTH_SECRET (or AUTH_SECRET) must be set in production"),
    );
  });

  it("turns WhatsApp on with its own sender on the Twilio account, with or without SMS", () => {
    const account = { TREUE_TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`, TREUE_TWILIO_AUTH_TOKEN: "t" };
    expect(parseEnv({}).whatsapp).toBeUndefined();
    const only = parseEnv({ ...account, TREUE_TWILIO_WHATSAPP_FROM: "whatsapp:+4915100000000" });
    expect(only.whatsapp).toMatchObject({ from: "whatsapp:+4915100000000", apiBase: "https://api.twilio.com" });
    expect(only.sms).toBeUndefined();
    expect(parseEnv({ ...account, TREUE_TWILIO_FROM: "+4915100000000", TREUE_TWILIO_WHATSAPP_FROM: `MG${"a".repeat(32)}` }).sms).toBeDefined();
    expect(() => parseEnv({ TREUE_TWILIO_WHATSAPP_FROM: "whatsapp:+4915100000000" })).toThrow(/WhatsApp needs TREUE_TWILIO_ACCOUNT_SID/);
    expect(() => parseEnv({ ...account, TREUE_TWILIO_WHATSAPP_FROM: "+4915100000000" })).toThrow(/TREUE_TWILIO_WHATSAPP_FROM must be/);
    expect(() => parseEnv({ TREUE_TWILIO_FROM: "+4915100000000" })).toThrow(/SMS needs/);
  });

  it("keeps pictures in an S3-compatible bucket only when the bucket is named, with whole credentials", () => {
    expect(parseEnv({}).objectStorage).toBeUndefined();
    expect(parseEnv({ TREUE_S3_BUCKET: "fotos", TREUE_S3_ENDPOINT: "https://s3.example", TREUE_S3_ACCESS_KEY_ID: "k", TREUE_S3_SECRET_ACCESS_KEY: "s" }).objectStorage).toEqual({
      bucket: "fotos",
      endpoint: "https://s3.example",
      region: "us-east-1",
      accessKeyId: "k",
      secretAccessKey: "s",
      forcePathStyle: true,
    });
    expect(parseEnv({ TREUE_S3_BUCKET: "fotos", TREUE_S3_REGION: "eu-central-1" }).objectStorage).toMatchObject({ forcePathStyle: false, region: "eu-central-1" });
    expect(() => parseEnv({ TREUE_S3_ENDPOINT: "https://s3.example" })).toThrow("TREUE_S3_BUCKET must be set with the other TREUE_S3_ settings");
    expect(() => parseEnv({ TREUE_S3_BUCKET: "fotos", TREUE_S3_ACCESS_KEY_ID: "k" })).toThrow(/go together/);
  });

  it("takes the trusted proxies as a small whole number and push services as a list", () => {
    expect(parseEnv({}).trustedProxies).toBe(0);
    expect(parseEnv({ TREUE_TRUSTED_PROXIES: "2" }).trustedProxies).toBe(2);
    expect(() => parseEnv({ TREUE_TRUSTED_PROXIES: "eins" })).toThrow(/TREUE_TRUSTED_PROXIES/);
    expect(parseEnv({}).pushEndpoints.services).toContain("fcm.googleapis.com");
    expect(parseEnv({ TREUE_PUSH_SERVICES: "push.example:8443, FCM.googleapis.com" }).pushEndpoints).toEqual({ services: ["push.example:8443", "fcm.googleapis.com"], allowPrivateNetwork: false });
  });

  it("takes a sign-in limit per IP only as a positive whole number", () => {
    expect(parseEnv({ TREUE_SIGNIN_LIMIT_PER_IP: "" }).signInLimitPerIp).toBeUndefined();
    expect(parseEnv({ TREUE_SIGNIN_LIMIT_PER_IP: "200" }).signInLimitPerIp).toBe(200);
    expect(() => parseEnv({ TREUE_SIGNIN_LIMIT_PER_IP: "viele" })).toThrow(/TREUE_SIGNIN_LIMIT_PER_IP/);
    expect(() => parseEnv({ TREUE_SIGNIN_LIMIT_PER_IP: "0" })).toThrow(/TREUE_SIGNIN_LIMIT_PER_IP/);
  });

  it("takes VAPID keys only as a well-formed pair", () => {
    const publicKey = "B" + "a".repeat(86);
    const privateKey = "k".repeat(43);
    expect(parseEnv({}).vapid).toBeUndefined();
    expect(parseEnv({ TREUE_VAPID_PUBLIC_KEY: publicKey, TREUE_VAPID_PRIVATE_KEY: privateKey }).vapid).toEqual({ publicKey, privateKey });
    expect(() => parseEnv({ TREUE_VAPID_PUBLIC_KEY: publicKey })).toThrow(/must be set together/);
    expect(() => parseEnv({ TREUE_VAPID_PUBLIC_KEY: "short", TREUE_VAPID_PRIVATE_KEY: privateKey })).toThrow(/TREUE_VAPID_PUBLIC_KEY must be a base64url/);
    expect(parseEnv({ EMAIL_FROM: "Gipfelglück <treue@gipfel.example>" }).vapidSubject).toBe("mailto:treue@gipfel.example");
    expect(() => parseEnv({ TREUE_VAPID_SUBJECT: "ich@shop" })).toThrow(/TREUE_VAPID_SUBJECT/);
  });

  it("refuses a DATABASE_URL that is not a postgres URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/db" })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it("never exposes the mailbox in production except for the demo", () => {
    const prod = { NODE_ENV: "production", NEXTAUTH_SECRET: secret };
    expect(() => parseEnv(prod)).toThrow(/EMAIL_SERVER/);
    expect(parseEnv({ ...prod, EMAIL_SERVER: "smtp://mail", EMAIL_FROM: "shop@example.com" }).mailboxEnabled).toBe(false);
    expect(parseEnv({ ...prod, TREUE_DEMO: "1" }).mailboxEnabled).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", EMAIL_SERVER: "smtp://mail", EMAIL_FROM: "a@b.de" }).mailboxEnabled).toBe(false);
  });

  it("enables OIDC only when issuer, client id and secret come together", () => {
    expect(() => parseEnv({ TREUE_OIDC_ISSUER: "https://shop.example.com" })).toThrow(/must be set together/);
    const env = parseEnv({
      TREUE_OIDC_ISSUER: "https://shop.example.com",
      TREUE_OIDC_CLIENT_ID: "treue",
      TREUE_OIDC_CLIENT_SECRET: "x",
    });
    expect(env.oidc).toMatchObject({ issuer: "https://shop.example.com", name: "Shop" });
  });

  it("refuses a short secret", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("takes the program's time zone and refuses one that does not exist", () => {
    expect(parseEnv({}).timezone).toBe("Europe/Berlin");
    expect(parseEnv({ TREUE_TIMEZONE: "Europe/Vienna" }).timezone).toBe("Europe/Vienna");
    expect(() => parseEnv({ TREUE_TIMEZONE: "Europe/Atlantis" })).toThrow(/TREUE_TIMEZONE/);
  });

  it("puts a language model behind the assistant only with its URL, key and model together", () => {
    expect(parseEnv({}).assistantModel).toBeUndefined();
    const model = { TREUE_ASSISTANT_API_URL: "https://llm.example/v1/", TREUE_ASSISTANT_API_KEY: "k", TREUE_ASSISTANT_MODEL: "small-1" };
    expect(parseEnv(model).assistantModel).toEqual({ apiUrl: "https://llm.example/v1", apiKey: "k", model: "small-1" });
    expect(parseEnv({ ...model, TREUE_ASSISTANT_API_URL: "http://127.0.0.1:11434/v1" }).assistantModel?.apiUrl).toBe("http://127.0.0.1:11434/v1");
    expect(parseEnv({ ...model, TREUE_ASSISTANT_API_URL: "http://[::1]:8080/v1" }).assistantModel?.apiUrl).toBe("http://[::1]:8080/v1");
    expect(() => parseEnv({ ...model, TREUE_ASSISTANT_API_URL: "http://llm.example/v1" })).toThrow(/TREUE_ASSISTANT_API_URL must be the https base URL/);
    expect(() => parseEnv({ ...model, TREUE_ASSISTANT_API_URL: "llm.example" })).toThrow(/TREUE_ASSISTANT_API_URL/);
    expect(() => parseEnv({ TREUE_ASSISTANT_API_URL: "https://llm.example/v1", TREUE_ASSISTANT_API_KEY: "k" })).toThrow(
      new ConfigError("The assistant's language model needs TREUE_ASSISTANT_API_URL, TREUE_ASSISTANT_API_KEY and TREUE_ASSISTANT_MODEL together (or none: the assistant answers by its rules)"),
    );
  });
});
