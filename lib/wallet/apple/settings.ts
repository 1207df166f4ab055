// Apple Wallet's configuration, read once with the rest of the environment (lib/env.ts): the pass
// type, the certificates that sign a pass and, optionally, an APNs key that announces its updates
// (without one, the pass certificate itself authenticates the pushes: see apns.ts). Each of them
// may be given inline (PEM) or as a path to a PEM file. Everything wrong stops start-up with one
// line that names the variable. No imports from lib/env.ts here (it imports this file).
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import ipaddr from "ipaddr.js";

export type AppleWalletConfig = {
  /** pass.… as registered in the Apple Developer account; also the APNs topic. */
  passTypeId: string;
  teamId: string;
  /** The Pass Type ID certificate (PEM) and its key, decrypted (PKCS#1 PEM): what signs each pass. */
  signerCert: string;
  signerKey: string;
  /** Apple's Worldwide Developer Relations intermediate certificate (PEM), included in each signature. */
  wwdr: string;
  /**
   * How pushes prove who sends them: the Pass Type ID certificate and its key as TLS client
   * certificate (Apple's documented way for passes; no APNs key set), or an APNs auth key (.p8,
   * PKCS#8 PEM) and its key id for token-based pushes.
   */
  apnsAuth: ApnsAuth;
  /** https://api.push.apple.com, or a stand-in on this machine (plain http only to a loopback address). */
  apnsUrl: string;
};

export type ApnsAuth = { method: "certificate" } | { method: "token"; key: string; keyId: string };

export type AppleWalletVariables = {
  TREUE_APPLE_PASS_TYPE_ID?: string;
  TREUE_APPLE_TEAM_ID?: string;
  TREUE_APPLE_PASS_CERT?: string;
  TREUE_APPLE_PASS_KEY?: string;
  TREUE_APPLE_PASS_KEY_PASSPHRASE?: string;
  TREUE_APPLE_WWDR_CERT?: string;
  TREUE_APPLE_APNS_KEY?: string;
  TREUE_APPLE_APNS_KEY_ID?: string;
  TREUE_APPLE_APNS_URL?: string;
};

/** Those that must be set together (the passphrase, the APNs key and the APNs address are optional). */
export const APPLE_WALLET_REQUIRED = ["TREUE_APPLE_PASS_TYPE_ID", "TREUE_APPLE_TEAM_ID", "TREUE_APPLE_PASS_CERT", "TREUE_APPLE_PASS_KEY", "TREUE_APPLE_WWDR_CERT"] as const;

/** Token-based pushes: both of them, or neither (then the pass certificate authenticates the pushes). */
export const APPLE_APNS_TOKEN = ["TREUE_APPLE_APNS_KEY", "TREUE_APPLE_APNS_KEY_ID"] as const;

export const DEFAULT_APNS_URL = "https://api.push.apple.com";

/** A PEM given inline, or read from the file it names. */
function pemOf(name: string, value: string): string {
  if (value.includes("-----BEGIN")) return value.replace(/\\n/g, "\n");
  try {
    return readFileSync(value, "utf8");
  } catch {
    throw new Error(`${name} is neither a PEM (-----BEGIN …) nor a readable file`);
  }
}

function certificate(name: string, value: string): { pem: string; x509: X509Certificate } {
  const pem = pemOf(name, value);
  try {
    return { pem, x509: new X509Certificate(pem) };
  } catch {
    throw new Error(`${name} is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
}

function privateKey(name: string, value: string, passphrase: string | undefined): KeyObject {
  const pem = pemOf(name, value);
  try {
    return createPrivateKey({ key: pem, format: "pem", passphrase });
  } catch {
    const hint = name !== "TREUE_APPLE_PASS_KEY" ? "" : passphrase === undefined ? " (if it is encrypted, set TREUE_APPLE_PASS_KEY_PASSPHRASE)" : " or the passphrase does not open it";
    throw new Error(`${name} is not a PEM private key${hint}`);
  }
}

function apnsUrl(raw: string | undefined): string {
  if (!raw) return DEFAULT_APNS_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("TREUE_APPLE_APNS_URL must be an absolute URL such as https://api.push.apple.com");
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const loopback = host === "localhost" || (ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) throw new Error("TREUE_APPLE_APNS_URL must be https (plain http only to localhost, 127.0.0.1 or [::1])");
  return url.origin;
}

/**
 * The Apple Wallet configuration, or undefined when none of it is set. Throws one line (the
 * variable and what is wrong) when only part is set or a certificate or key does not read.
 */
export function readAppleWalletConfig(v: AppleWalletVariables, publicUrl: string | undefined): AppleWalletConfig | undefined {
  const missing = APPLE_WALLET_REQUIRED.filter((name) => !v[name]);
  const optionalSet = Boolean(v.TREUE_APPLE_PASS_KEY_PASSPHRASE || v.TREUE_APPLE_APNS_URL || v.TREUE_APPLE_APNS_KEY || v.TREUE_APPLE_APNS_KEY_ID);
  if (missing.length === APPLE_WALLET_REQUIRED.length && !optionalSet) return undefined;
  if (missing.length > 0) throw new Error(`Apple Wallet needs ${APPLE_WALLET_REQUIRED.join(", ")} together (missing: ${missing.join(", ")})`);
  if (!publicUrl) throw new Error("Apple Wallet needs NEXTAUTH_URL: the passes call the app back there for their updates");
  const passTypeId = v.TREUE_APPLE_PASS_TYPE_ID!;
  if (!/^pass\.[A-Za-z0-9.-]+$/.test(passTypeId)) throw new Error("TREUE_APPLE_PASS_TYPE_ID must be a Pass Type ID such as pass.de.example-shop.treue");
  const teamId = v.TREUE_APPLE_TEAM_ID!;
  if (!/^[A-Z0-9]{10}$/.test(teamId)) throw new Error("TREUE_APPLE_TEAM_ID must be the 10-character Team ID (capital letters and digits)");
  const tokenMissing = APPLE_APNS_TOKEN.filter((name) => !v[name]);
  if (tokenMissing.length === 1) throw new Error(`${APPLE_APNS_TOKEN.join(" and ")} go together, or neither for pushes with the pass certificate (missing: ${tokenMissing[0]})`);
  const byToken = tokenMissing.length === 0;
  if (byToken && !/^[A-Z0-9]{10}$/.test(v.TREUE_APPLE_APNS_KEY_ID!)) throw new Error("TREUE_APPLE_APNS_KEY_ID must be the 10-character Key ID of the APNs key");
  const url = apnsUrl(v.TREUE_APPLE_APNS_URL);
  // Without TLS there is no client certificate to present: the certificate needs https, even on loopback.
  if (!byToken && !url.startsWith("https:")) throw new Error("TREUE_APPLE_APNS_URL must be https when the pass certificate authenticates the pushes (no TREUE_APPLE_APNS_KEY)");

  const signer = certificate("TREUE_APPLE_PASS_CERT", v.TREUE_APPLE_PASS_CERT!);
  const key = privateKey("TREUE_APPLE_PASS_KEY", v.TREUE_APPLE_PASS_KEY!, v.TREUE_APPLE_PASS_KEY_PASSPHRASE);
  if (key.asymmetricKeyType !== "rsa") throw new Error("TREUE_APPLE_PASS_KEY must be the RSA key of the Pass Type ID certificate");
  if (!signer.x509.checkPrivateKey(key)) throw new Error("TREUE_APPLE_PASS_KEY does not belong to TREUE_APPLE_PASS_CERT");
  const wwdr = certificate("TREUE_APPLE_WWDR_CERT", v.TREUE_APPLE_WWDR_CERT!);
  let apnsAuth: ApnsAuth = { method: "certificate" };
  if (byToken) {
    const apnsKey = privateKey("TREUE_APPLE_APNS_KEY", v.TREUE_APPLE_APNS_KEY!, undefined);
    if (apnsKey.asymmetricKeyType !== "ec") throw new Error("TREUE_APPLE_APNS_KEY must be the APNs auth key (.p8, an EC P-256 key)");
    apnsAuth = { method: "token", key: apnsKey.export({ type: "pkcs8", format: "pem" }).toString(), keyId: v.TREUE_APPLE_APNS_KEY_ID! };
  }

  return {
    passTypeId,
    teamId,
    signerCert: signer.pem,
    // The signing library reads a plain RSA key best; decrypted here once, it stays in memory only.
    signerKey: key.export({ type: "pkcs1", format: "pem" }).toString(),
    wwdr: wwdr.pem,
    apnsAuth,
    apnsUrl: url,
  };
}
