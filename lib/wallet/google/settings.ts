// Google Wallet's configuration as the environment gives it (lib/env.ts reads it once at start-up):
// the issuer's number from the Google Pay & Wallet Console, a Google Cloud service account's key
// (the JSON key file, inline or as a path), and the endpoints, which tests point at local servers.
// Anything wrong yields one line that says what to fix and names the variable, never quoting its
// value (a key, or a key mistaken for a path).
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";

export const GOOGLE_WALLET_API_BASE = "https://walletobjects.googleapis.com/walletobjects/v1";
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
export const DEFAULT_CLASS_SUFFIX = "treue_loyalty";

export type GoogleServiceAccount = {
  /** The account's e-mail address: the `iss` of every JWT it signs. */
  clientEmail: string;
  privateKey: KeyObject;
  /** Names the key that signed (the JWT header's `kid`), so Google finds it at once. */
  privateKeyId: string | undefined;
};

export type GoogleWalletConfig = {
  issuerId: string;
  /** `<issuer id>.<suffix>`: the one loyalty class every member's object belongs to. */
  classId: string;
  serviceAccount: GoogleServiceAccount;
  /** The Wallet REST API, without a trailing slash. */
  apiBase: string;
  /** Where the service account's signed assertion is exchanged for an access token. */
  tokenUrl: string;
  /** The app's public address (NEXTAUTH_URL) without a trailing slash: the card's link and logo, the save link's origin. */
  appUrl: string;
};

/** The raw values of the TREUE_GOOGLE_WALLET_* variables (trimmed; undefined when unset). */
export type GoogleWalletEnv = {
  issuerId: string | undefined;
  serviceAccount: string | undefined;
  classSuffix: string | undefined;
  apiBase: string | undefined;
  tokenUrl: string | undefined;
};

export type GoogleWalletSettings = { ok: true; config: GoogleWalletConfig | undefined } | { ok: false; problem: string };

// The fields Treue needs from the key file Google Cloud hands out for a service account.
const keyFile = z.object({
  type: z.literal("service_account").optional(),
  client_email: z.email(),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.string().optional(),
});

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https, or plain http to this machine (a local stand-in in tests); a URL with user or password never. */
export function isEndpointUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
}

function readKeyFile(raw: string, readFile: (path: string) => string): { ok: true; json: unknown } | { ok: false; problem: string } {
  const inline = raw.startsWith("{");
  let text: string;
  if (inline) text = raw;
  else {
    try {
      text = readFile(raw);
    } catch {
      // Never the value itself: a key pasted in a form this does not recognise would be printed in the log.
      return { ok: false, problem: "TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: neither a JSON key ({ … }) nor the path of a readable key file" };
    }
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, problem: `TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: ${inline ? "the value" : "the file it names"} is not the service account's JSON key` };
  }
}

/** Google Wallet's configuration, or undefined when it is not set up (the buttons do not show, its routes answer 404). */
export function parseGoogleWalletSettings(raw: GoogleWalletEnv, publicUrl: string | undefined, readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): GoogleWalletSettings {
  if (!raw.issuerId && !raw.serviceAccount) return { ok: true, config: undefined };
  if (!raw.issuerId || !raw.serviceAccount) {
    return { ok: false, problem: "Google Wallet needs TREUE_GOOGLE_WALLET_ISSUER_ID and TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT together" };
  }
  if (!/^\d{1,30}$/.test(raw.issuerId)) {
    return { ok: false, problem: "TREUE_GOOGLE_WALLET_ISSUER_ID must be the issuer ID (digits) shown in the Google Pay & Wallet Console" };
  }
  const suffix = raw.classSuffix ?? DEFAULT_CLASS_SUFFIX;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(suffix)) {
    return { ok: false, problem: "TREUE_GOOGLE_WALLET_CLASS_SUFFIX may hold only letters, digits, '.', '_' and '-'" };
  }
  if (!publicUrl) {
    return { ok: false, problem: "Google Wallet needs NEXTAUTH_URL, the app's public address: the card links to it and the save link names it as its origin" };
  }
  const read = readKeyFile(raw.serviceAccount, readFile);
  if (!read.ok) return read;
  const parsed = keyFile.safeParse(read.json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "client_email";
    return { ok: false, problem: `TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: the key's "${field}" is missing or wrong (is it a service account's JSON key?)` };
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(parsed.data.private_key);
  } catch {
    return { ok: false, problem: "TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: the key's private_key is not a PEM private key" };
  }
  if (privateKey.asymmetricKeyType !== "rsa") {
    return { ok: false, problem: "TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT: the key's private_key must be an RSA key (Google signs with RS256)" };
  }
  const apiBase = raw.apiBase ?? GOOGLE_WALLET_API_BASE;
  const tokenUrl = raw.tokenUrl ?? parsed.data.token_uri ?? GOOGLE_TOKEN_URL;
  for (const [name, url] of [["TREUE_GOOGLE_WALLET_API_BASE", apiBase], [raw.tokenUrl ? "TREUE_GOOGLE_WALLET_TOKEN_URL" : "the key's token_uri", tokenUrl]] as const) {
    if (!isEndpointUrl(url)) return { ok: false, problem: `${name} must be an https URL (plain http only for localhost)` };
  }
  return {
    ok: true,
    config: {
      issuerId: raw.issuerId,
      classId: `${raw.issuerId}.${suffix}`,
      serviceAccount: { clientEmail: parsed.data.client_email, privateKey, privateKeyId: parsed.data.private_key_id },
      apiBase: apiBase.replace(/\/+$/, ""),
      tokenUrl,
      appUrl: publicUrl.replace(/\/+$/, ""),
    },
  };
}
