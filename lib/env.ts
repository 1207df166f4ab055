// The app's configuration, parsed once from the environment. Anything wrong here
// stops start-up with one line that says what to fix (see instrumentation.ts).
import path from "node:path";
import { z } from "zod";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./loyalty/calendar";
import { KNOWN_PUSH_SERVICES, type PushEndpointPolicy } from "./push/push-services";
import { parseStorefrontOrigin, type OriginProblem } from "./validations/storefront-origin";
import type { ObjectStorageConfig } from "./uploads/photo-store";
import { parseGoogleWalletSettings, type GoogleWalletConfig } from "./wallet/google/settings";
import { readAppleWalletConfig, type AppleWalletConfig } from "./wallet/apple/settings";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    TREUE_DATA_DIR: optionalText,
    TREUE_DEMO: flag,
    AUTH_SECRET: optionalText,
    NEXTAUTH_SECRET: optionalText,
    NEXTAUTH_URL: optionalText.pipe(z.url("NEXTAUTH_URL must be an absolute URL").optional()),
    EMAIL_SERVER: optionalText,
    EMAIL_FROM: optionalText,
    TREUE_OIDC_ISSUER: optionalText.pipe(z.url("TREUE_OIDC_ISSUER must be an absolute URL").optional()),
    TREUE_OIDC_CLIENT_ID: optionalText,
    TREUE_OIDC_CLIENT_SECRET: optionalText,
    TREUE_OIDC_NAME: optionalText,
    TREUE_SHOP_SECRET: optionalText,
    TREUE_SHOPIFY_SECRET: optionalText,
    TREUE_SHOPIFY_APP_SECRET: optionalText,
    TREUE_WOOCOMMERCE_SECRET: optionalText,
    TREUE_SHOPIFY_ADMIN_URL: optionalText.pipe(z.url("TREUE_SHOPIFY_ADMIN_URL must be the shop's admin URL, e.g. https://your-shop.myshopify.com").optional()),
    TREUE_SHOPIFY_ADMIN_TOKEN: optionalText,
    TREUE_WOOCOMMERCE_URL: optionalText.pipe(z.url("TREUE_WOOCOMMERCE_URL must be the shop's address, e.g. https://shop.example.de").optional()),
    TREUE_WOOCOMMERCE_CONSUMER_KEY: optionalText,
    TREUE_WOOCOMMERCE_CONSUMER_SECRET: optionalText,
    TREUE_SHOPWARE_APP_SECRET: optionalText,
    TREUE_SHOPWARE_APP_NAME: optionalText,
    TREUE_ENCRYPTION_KEY: optionalText.pipe(z.string().min(32, "TREUE_ENCRYPTION_KEY must be at least 32 characters").optional()),
    TREUE_VAPID_PUBLIC_KEY: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{87}$/, "TREUE_VAPID_PUBLIC_KEY must be a base64url P-256 public key (87 characters)").optional()),
    TREUE_VAPID_PRIVATE_KEY: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{43}$/, "TREUE_VAPID_PRIVATE_KEY must be a base64url P-256 private key (43 characters)").optional()),
    TREUE_VAPID_SUBJECT: optionalText.pipe(z.string().regex(/^(mailto:|https:\/\/)/, "TREUE_VAPID_SUBJECT must be a mailto: or https:// URL").optional()),
    TREUE_SIGNIN_LIMIT_PER_IP: optionalText.pipe(z.coerce.number<string | undefined>().int().min(1).max(1_000_000).optional()),
    TREUE_TIMEZONE: optionalText.pipe(z.string().refine(isTimeZone, "TREUE_TIMEZONE must be an IANA time zone such as Europe/Berlin").optional()),
    TREUE_TRUSTED_PROXIES: optionalText.pipe(z.coerce.number<string | undefined>().int("TREUE_TRUSTED_PROXIES must be a whole number").min(0).max(10).optional()),
    TREUE_PUSH_SERVICES: optionalText.transform((v) => (v ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)),
    TREUE_PUSH_PRIVATE_NETWORK: flag,
    TREUE_SHOP_PRIVATE_NETWORK: flag,
    TREUE_MAIL_OPEN_TRACKING: flag,
    TREUE_TWILIO_ACCOUNT_SID: optionalText.pipe(z.string().regex(/^AC[0-9a-f]{32}$/, "TREUE_TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits").optional()),
    TREUE_TWILIO_AUTH_TOKEN: optionalText,
    TREUE_TWILIO_FROM: optionalText.pipe(z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32}|[A-Za-z0-9 ]{1,11})$/, "TREUE_TWILIO_FROM must be a phone number (+49…), a Messaging Service SID (MG…) or an alphanumeric sender of up to 11 characters").optional()),
    TREUE_TWILIO_WHATSAPP_FROM: optionalText.pipe(z.string().regex(/^(whatsapp:\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/, "TREUE_TWILIO_WHATSAPP_FROM must be the WhatsApp sender as whatsapp:+49… or a Messaging Service SID (MG…)").optional()),
    TREUE_TWILIO_API_BASE: optionalText.pipe(z.url("TREUE_TWILIO_API_BASE must be an absolute URL").optional()),
    TREUE_S3_BUCKET: optionalText,
    TREUE_S3_ENDPOINT: optionalText.pipe(z.url("TREUE_S3_ENDPOINT must be an absolute URL such as https://s3.eu-central-1.amazonaws.com").optional()),
    TREUE_S3_REGION: optionalText,
    TREUE_S3_ACCESS_KEY_ID: optionalText,
    TREUE_S3_SECRET_ACCESS_KEY: optionalText,
    TREUE_S3_FORCE_PATH_STYLE: optionalText.pipe(z.enum(["1", "0", "true", "false"], "TREUE_S3_FORCE_PATH_STYLE must be 1 or 0").optional()),
    TREUE_GOOGLE_WALLET_ISSUER_ID: optionalText,
    TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: optionalText,
    TREUE_GOOGLE_WALLET_CLASS_SUFFIX: optionalText,
    TREUE_GOOGLE_WALLET_API_BASE: optionalText,
    TREUE_GOOGLE_WALLET_TOKEN_URL: optionalText,
    TREUE_STOREFRONT_ORIGINS: optionalText.transform((v, ctx) => {
      const origins: string[] = [];
      for (const entry of (v ?? "").split(",").map((o) => o.trim()).filter(Boolean)) {
        // The console's list follows the same rule (lib/validations/storefront-origin.ts).
        const verdict = parseStorefrontOrigin(entry);
        if (verdict.ok) origins.push(verdict.origin);
        else ctx.addIssue({ code: "custom", message: `TREUE_STOREFRONT_ORIGINS: "${entry}" is not an origin such as https://shop.example (scheme and host, no path)${ORIGIN_PROBLEM_HINT[verdict.problem] ?? ""}` });
      }
      return [...new Set(origins)];
    }),
    TREUE_APPLE_PASS_TYPE_ID: optionalText,
    TREUE_APPLE_TEAM_ID: optionalText,
    TREUE_APPLE_PASS_CERT: optionalText,
    TREUE_APPLE_PASS_KEY: optionalText,
    TREUE_APPLE_PASS_KEY_PASSPHRASE: z.string().optional().transform((v) => (v === "" ? undefined : v)),
    TREUE_APPLE_WWDR_CERT: optionalText,
    TREUE_APPLE_APNS_KEY: optionalText,
    TREUE_APPLE_APNS_KEY_ID: optionalText,
    TREUE_APPLE_APNS_URL: optionalText,
    TREUE_ASSISTANT_API_URL: optionalText.pipe(z.string().refine(isModelApiUrl, "TREUE_ASSISTANT_API_URL must be the https base URL of an OpenAI-compatible API, e.g. https://api.openai.com/v1 (plain http only to localhost, 127.0.0.1 or [::1])").optional()),
    TREUE_ASSISTANT_API_KEY: optionalText,
    TREUE_ASSISTANT_MODEL: optionalText,
    TREUE_OWNER_EMAILS: optionalText.transform((v, ctx) => {
      const emails = (v ?? "").split(",").map((e) => e.trim().toLowerCase()).filter(Boolean);
      for (const email of emails) {
        if (!z.email().safeParse(email).success) ctx.addIssue({ code: "custom", message: `TREUE_OWNER_EMAILS: "${email}" is not an e-mail address` });
      }
      return emails;
    }),
  })
  .superRefine((e, ctx) => {
    const s3 = [e.TREUE_S3_ENDPOINT, e.TREUE_S3_REGION, e.TREUE_S3_ACCESS_KEY_ID, e.TREUE_S3_SECRET_ACCESS_KEY];
    const twilio = [e.TREUE_TWILIO_ACCOUNT_SID, e.TREUE_TWILIO_AUTH_TOKEN, e.TREUE_TWILIO_FROM];
    const shopify = [e.TREUE_SHOPIFY_ADMIN_URL, e.TREUE_SHOPIFY_ADMIN_TOKEN];
    if (shopify.some(Boolean) && !shopify.every(Boolean)) ctx.addIssue({ code: "custom", message: "Shopify discounts need TREUE_SHOPIFY_ADMIN_URL and TREUE_SHOPIFY_ADMIN_TOKEN together" });
    const woo = [e.TREUE_WOOCOMMERCE_URL, e.TREUE_WOOCOMMERCE_CONSUMER_KEY, e.TREUE_WOOCOMMERCE_CONSUMER_SECRET];
    if (woo.some(Boolean) && !woo.every(Boolean)) ctx.addIssue({ code: "custom", message: "WooCommerce coupons need TREUE_WOOCOMMERCE_URL, TREUE_WOOCOMMERCE_CONSUMER_KEY and TREUE_WOOCOMMERCE_CONSUMER_SECRET together" });
    const assistant = [e.TREUE_ASSISTANT_API_URL, e.TREUE_ASSISTANT_API_KEY, e.TREUE_ASSISTANT_MODEL];
    if (assistant.some(Boolean) && !assistant.every(Boolean)) ctx.addIssue({ code: "custom", message: "The assistant's language model needs TREUE_ASSISTANT_API_URL, TREUE_ASSISTANT_API_KEY and TREUE_ASSISTANT_MODEL together (or none: the assistant answers by its rules)" });
    // SMS needs a sender (TREUE_TWILIO_FROM), WhatsApp its own (TREUE_TWILIO_WHATSAPP_FROM); either needs the account.
    if (e.TREUE_TWILIO_WHATSAPP_FROM && !(e.TREUE_TWILIO_ACCOUNT_SID && e.TREUE_TWILIO_AUTH_TOKEN)) ctx.addIssue({ code: "custom", message: "WhatsApp needs TREUE_TWILIO_ACCOUNT_SID and TREUE_TWILIO_AUTH_TOKEN with TREUE_TWILIO_WHATSAPP_FROM" });
    else if (twilio.some(Boolean) && !twilio.every(Boolean) && !(e.TREUE_TWILIO_WHATSAPP_FROM && !e.TREUE_TWILIO_FROM)) ctx.addIssue({ code: "custom", message: "SMS needs TREUE_TWILIO_ACCOUNT_SID, TREUE_TWILIO_AUTH_TOKEN and TREUE_TWILIO_FROM together" });
    if (!e.TREUE_S3_BUCKET && s3.some(Boolean)) ctx.addIssue({ code: "custom", message: "TREUE_S3_BUCKET must be set with the other TREUE_S3_ settings" });
    if (Boolean(e.TREUE_S3_ACCESS_KEY_ID) !== Boolean(e.TREUE_S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: "custom", message: "TREUE_S3_ACCESS_KEY_ID and TREUE_S3_SECRET_ACCESS_KEY go together" });
    }
    const production = e.NODE_ENV === "production";
    const secret = e.AUTH_SECRET ?? e.NEXTAUTH_SECRET;
    if (production && !secret) {
      ctx.addIssue({ code: "custom", message: "NEXTAUTH_SECRET (or AUTH_SECRET) must be set in production" });
    }
    if (secret && secret.length < 32) {
      ctx.addIssue({ code: "custom", message: "NEXTAUTH_SECRET must be at least 32 characters" });
    }
    const oidc = [e.TREUE_OIDC_ISSUER, e.TREUE_OIDC_CLIENT_ID, e.TREUE_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        message: "TREUE_OIDC_ISSUER, TREUE_OIDC_CLIENT_ID and TREUE_OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (production && !e.TREUE_DEMO && !e.EMAIL_SERVER && !e.TREUE_OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", message: "EMAIL_SERVER (or TREUE_OIDC_*) must be set in production so shoppers can sign in" });
    }
    if (Boolean(e.TREUE_VAPID_PUBLIC_KEY) !== Boolean(e.TREUE_VAPID_PRIVATE_KEY)) {
      ctx.addIssue({ code: "custom", message: "TREUE_VAPID_PUBLIC_KEY and TREUE_VAPID_PRIVATE_KEY must be set together" });
    }
    if (e.EMAIL_SERVER && !e.EMAIL_FROM) {
      ctx.addIssue({ code: "custom", message: "EMAIL_FROM must be set when EMAIL_SERVER is set" });
    }
  });

/** A language model's API: https anywhere, plain http only to this machine (a local model, tests). */
function isModelApiUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    if (url.username || url.password || url.search || url.hash) return false;
    return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "::1"].includes(host));
  } catch {
    return false;
  }
}

/** What the start-up line adds about an entry that is not an origin (operators read English). */
const ORIGIN_PROBLEM_HINT: Partial<Record<OriginProblem, string>> = {
  insecure: ": plain http only for localhost, 127.0.0.1 or [::1]",
  wildcard: ": list each host, wildcards never match",
  tooLong: ": too long",
};

export type Env = {
  production: boolean;
  demo: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  publicUrl: string | undefined;
  /** Magic links per IP address and 15 minutes; unset: the built-in default. */
  signInLimitPerIp: number | undefined;
  email: { server: string; from: string } | undefined;
  /** Mails go to the local mailbox at /dev/mailbox: never in production unless it is the demo. */
  mailboxEnabled: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  shopSecret: string | undefined;
  /** Webhook secrets of the platform connectors set by configuration (the console can set them too). */
  connectorSecrets: { shopify: string | undefined; woocommerce: string | undefined };
  /**
   * The client secret of the Shopify app whose app proxy asks Treue for the storefront identity.
   * Unset: the Shopify webhook secrets sign the proxy too (the same secret when that app subscribes
   * Treue's webhooks; not when they were made under Settings → Notifications).
   */
  shopifyAppSecret: string | undefined;
  /** Admin API access for creating discounts in the shop, set by configuration (the console can set it too). */
  /** The shop's admin API may be on a private address (inside the operator's network), plain http to loopback too. */
  shopPrivateNetwork: boolean;
  shopAdmin: {
    shopify: { adminUrl: string; accessToken: string } | undefined;
    woocommerce: { adminUrl: string; consumerKey: string; consumerSecret: string } | undefined;
  };
  /** The Shopware app's secret and technical name (its manifest.xml); each shop's own secret is made at registration. */
  shopwareApp: { secret: string; name: string } | undefined;
  /** Encrypts secrets kept in the database (connectors); falls back to the auth secret. */
  encryptionKey: string | undefined;
  /** Web Push keys; unset: generated once and kept in the database (lib/push/vapid.ts). */
  vapid: { publicKey: string; privateKey: string } | undefined;
  /** Contact the push services may use about this sender. */
  vapidSubject: string;
  /** The shop's storefront origins (scheme, host, port) whose pages may call the widget API (/api/embed/v1). */
  storefrontOrigins: string[];
  /** Console owners by configuration (the first owner of a new install). */
  ownerEmails: string[];
  /** The program's time zone: its days, weeks, months and years (metrics, caps, birthdays, tier years, expiry). */
  timezone: string;
  /** Reverse proxies in front of the app, each appending to X-Forwarded-For: the client is the one the outermost saw. */
  trustedProxies: number;
  /** Where push subscriptions may point (lib/push/endpoint-policy.ts). */
  pushEndpoints: PushEndpointPolicy;
  /** Photos and reward pictures in an S3-compatible bucket instead of the data dir. */
  objectStorage: ObjectStorageConfig | undefined;
  /** The loyalty card in Google Wallet (lib/wallet/google); unset: no button, its routes answer 404. */
  googleWallet: GoogleWalletConfig | undefined;
  /** A 1×1 image in each mail that records when it was opened; off unless asked for (privacy). */
  mailOpenTracking: boolean;
  /** Text messages through Twilio's Messages API; off unless configured. */
  sms: { provider: "twilio"; accountSid: string; authToken: string; from: string; apiBase: string } | undefined;
  /** WhatsApp through Twilio (the same account; `from` is whatsapp:+49… or a Messaging Service SID); off unless configured. */
  whatsapp: { provider: "twilio"; accountSid: string; authToken: string; from: string; apiBase: string } | undefined;
  /** The loyalty card in Apple Wallet (lib/wallet/apple); unset: no pass, its routes answer 404. */
  appleWallet: AppleWalletConfig | undefined;
  /** A language model behind the assistant (OpenAI-compatible chat completions); unset: the rules answer alone. */
  assistantModel: { apiUrl: string; apiKey: string; model: string } | undefined;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    throw new ConfigError(`${where}${first?.message ?? "invalid configuration"}`);
  }
  const e = result.data;
  const production = e.NODE_ENV === "production";
  const googleWallet = parseGoogleWalletSettings(
    { issuerId: e.TREUE_GOOGLE_WALLET_ISSUER_ID, serviceAccount: e.TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT, classSuffix: e.TREUE_GOOGLE_WALLET_CLASS_SUFFIX, apiBase: e.TREUE_GOOGLE_WALLET_API_BASE, tokenUrl: e.TREUE_GOOGLE_WALLET_TOKEN_URL },
    e.NEXTAUTH_URL,
  );
  if (!googleWallet.ok) throw new ConfigError(googleWallet.problem);
  let appleWallet: AppleWalletConfig | undefined;
  try {
    appleWallet = readAppleWalletConfig(e, e.NEXTAUTH_URL);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return {
    appleWallet,
    production,
    demo: e.TREUE_DEMO,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TREUE_DATA_DIR ?? "data"),
    authSecret: e.AUTH_SECRET ?? e.NEXTAUTH_SECRET,
    publicUrl: e.NEXTAUTH_URL,
    signInLimitPerIp: e.TREUE_SIGNIN_LIMIT_PER_IP,
    email: e.EMAIL_SERVER && e.EMAIL_FROM ? { server: e.EMAIL_SERVER, from: e.EMAIL_FROM } : undefined,
    mailboxEnabled: !e.EMAIL_SERVER && (!production || e.TREUE_DEMO),
    oidc:
      e.TREUE_OIDC_ISSUER && e.TREUE_OIDC_CLIENT_ID && e.TREUE_OIDC_CLIENT_SECRET
        ? {
            issuer: e.TREUE_OIDC_ISSUER,
            clientId: e.TREUE_OIDC_CLIENT_ID,
            clientSecret: e.TREUE_OIDC_CLIENT_SECRET,
            name: e.TREUE_OIDC_NAME ?? "Shop",
          }
        : undefined,
    shopSecret: e.TREUE_SHOP_SECRET,
    connectorSecrets: { shopify: e.TREUE_SHOPIFY_SECRET, woocommerce: e.TREUE_WOOCOMMERCE_SECRET },
    shopifyAppSecret: e.TREUE_SHOPIFY_APP_SECRET,
    shopPrivateNetwork: e.TREUE_SHOP_PRIVATE_NETWORK,
    shopAdmin: {
      shopify: e.TREUE_SHOPIFY_ADMIN_URL && e.TREUE_SHOPIFY_ADMIN_TOKEN ? { adminUrl: e.TREUE_SHOPIFY_ADMIN_URL, accessToken: e.TREUE_SHOPIFY_ADMIN_TOKEN } : undefined,
      woocommerce:
        e.TREUE_WOOCOMMERCE_URL && e.TREUE_WOOCOMMERCE_CONSUMER_KEY && e.TREUE_WOOCOMMERCE_CONSUMER_SECRET
          ? { adminUrl: e.TREUE_WOOCOMMERCE_URL, consumerKey: e.TREUE_WOOCOMMERCE_CONSUMER_KEY, consumerSecret: e.TREUE_WOOCOMMERCE_CONSUMER_SECRET }
          : undefined,
    },
    shopwareApp: e.TREUE_SHOPWARE_APP_SECRET ? { secret: e.TREUE_SHOPWARE_APP_SECRET, name: e.TREUE_SHOPWARE_APP_NAME ?? "TreueLoyalty" } : undefined,
    encryptionKey: e.TREUE_ENCRYPTION_KEY ?? e.AUTH_SECRET ?? e.NEXTAUTH_SECRET,
    vapid:
      e.TREUE_VAPID_PUBLIC_KEY && e.TREUE_VAPID_PRIVATE_KEY
        ? { publicKey: e.TREUE_VAPID_PUBLIC_KEY, privateKey: e.TREUE_VAPID_PRIVATE_KEY }
        : undefined,
    ownerEmails: e.TREUE_OWNER_EMAILS,
    storefrontOrigins: e.TREUE_STOREFRONT_ORIGINS,
    timezone: e.TREUE_TIMEZONE ?? DEFAULT_TIME_ZONE,
    trustedProxies: e.TREUE_TRUSTED_PROXIES ?? 0,
    objectStorage: e.TREUE_S3_BUCKET
      ? {
          bucket: e.TREUE_S3_BUCKET,
          endpoint: e.TREUE_S3_ENDPOINT,
          region: e.TREUE_S3_REGION ?? "us-east-1",
          accessKeyId: e.TREUE_S3_ACCESS_KEY_ID,
          secretAccessKey: e.TREUE_S3_SECRET_ACCESS_KEY,
          // Self-hosted servers (MinIO and the like) want the bucket in the path; AWS in the host.
          forcePathStyle: e.TREUE_S3_FORCE_PATH_STYLE ? ["1", "true"].includes(e.TREUE_S3_FORCE_PATH_STYLE) : Boolean(e.TREUE_S3_ENDPOINT),
        }
      : undefined,
    googleWallet: googleWallet.config,
    mailOpenTracking: e.TREUE_MAIL_OPEN_TRACKING,
    sms:
      e.TREUE_TWILIO_ACCOUNT_SID && e.TREUE_TWILIO_AUTH_TOKEN && e.TREUE_TWILIO_FROM
        ? { provider: "twilio", accountSid: e.TREUE_TWILIO_ACCOUNT_SID, authToken: e.TREUE_TWILIO_AUTH_TOKEN, from: e.TREUE_TWILIO_FROM, apiBase: (e.TREUE_TWILIO_API_BASE ?? "https://api.twilio.com").replace(/\/$/, "") }
        : undefined,
    assistantModel:
      e.TREUE_ASSISTANT_API_URL && e.TREUE_ASSISTANT_API_KEY && e.TREUE_ASSISTANT_MODEL
        ? { apiUrl: e.TREUE_ASSISTANT_API_URL.replace(/\/+$/, ""), apiKey: e.TREUE_ASSISTANT_API_KEY, model: e.TREUE_ASSISTANT_MODEL }
        : undefined,
    whatsapp:
      e.TREUE_TWILIO_ACCOUNT_SID && e.TREUE_TWILIO_AUTH_TOKEN && e.TREUE_TWILIO_WHATSAPP_FROM
        ? { provider: "twilio", accountSid: e.TREUE_TWILIO_ACCOUNT_SID, authToken: e.TREUE_TWILIO_AUTH_TOKEN, from: e.TREUE_TWILIO_WHATSAPP_FROM, apiBase: (e.TREUE_TWILIO_API_BASE ?? "https://api.twilio.com").replace(/\/$/, "") }
        : undefined,
    pushEndpoints: {
      services: e.TREUE_PUSH_SERVICES.length > 0 ? e.TREUE_PUSH_SERVICES : KNOWN_PUSH_SERVICES,
      allowPrivateNetwork: e.TREUE_PUSH_PRIVATE_NETWORK,
    },
    vapidSubject: e.TREUE_VAPID_SUBJECT ?? (e.EMAIL_FROM ? `mailto:${e.EMAIL_FROM.replace(/^.*<([^>]+)>.*$/, "$1")}` : "mailto:push@treue.invalid"),
  };
}

let cached: Env | undefined;

/** The process's configuration; parsed on first use so `next build` needs no secrets. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
