// Twilio's request signature (X-Twilio-Signature), as its webhook security guide documents it:
// take the full URL Twilio requested (scheme, host, port if any, path, query string), append each
// POST parameter sorted by name as name followed by value with no separators, HMAC-SHA1 the result
// with the account's Auth Token as key, and base64 the digest. Twilio's helper libraries compare
// both with and without an explicit default port (:443/:80), since the URL Twilio signed may differ
// from the configured one in that only; a name given twice contributes each of its values, sorted.
import { createHmac, timingSafeEqual } from "node:crypto";

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value]);
  let data = url;
  for (const name of [...byName.keys()].sort()) for (const value of byName.get(name)!.sort()) data += name + value;
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** The URL with and without its scheme's default port, as Twilio may have signed either. */
function portVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const port = parsed.protocol === "https:" ? "443" : "80";
  const withoutPort = parsed.toString(); // URL drops a default port
  const withPort = `${parsed.protocol}//${parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ""}@` : ""}${parsed.hostname}:${parsed.port || port}${parsed.pathname}${parsed.search}`;
  return [...new Set([url, withoutPort, withPort])];
}

/** Whether `signature` is Twilio's for one of the URLs this app may have been called at. */
export function verifyTwilioSignature(authToken: string, signature: string | null, urls: string[], params: URLSearchParams): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature, "utf8");
  for (const url of new Set(urls.flatMap(portVariants))) {
    const expected = Buffer.from(twilioSignature(authToken, url, params), "utf8");
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  }
  return false;
}

/**
 * The URLs Twilio may have called for this request: the public URL (NEXTAUTH_URL) with the
 * request's path and query, the one a reverse proxy names (X-Forwarded-Proto/-Host), and the one
 * the server saw. Which one matches does not weaken the check: each still needs the Auth Token.
 */
export function candidateUrls(requestUrl: string, headers: Headers, publicUrl: string | undefined): string[] {
  const request = new URL(requestUrl);
  const pathAndQuery = `${request.pathname}${request.search}`;
  const urls = [requestUrl];
  if (publicUrl) {
    const base = new URL(publicUrl);
    urls.unshift(`${base.origin}${pathAndQuery}`);
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? request.protocol.replace(":", "");
  if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host) && (proto === "https" || proto === "http")) urls.push(`${proto}://${host}${pathAndQuery}`);
  return urls;
}
