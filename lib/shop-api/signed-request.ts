// The gate every shop API route passes first: the secret, the size cap, then the signature. The
// one thing read from the database before the signature checks out is the shop API's secret (when
// the console keeps it; cached); nothing is parsed or written before.
import { readCappedBytes } from "../http/read-capped";
import { log } from "../log";
import { problem } from "./problem";
import { shopSecrets } from "./shop-secret";
import { verifySignature, type SignatureCheck } from "./signature";

export const MAX_BODY_BYTES = 64 * 1024;

export type SignedRequest = { ok: true; rawBody: string } | { ok: false; response: Response };

const V2_FORMAT = 'v2=<hex HMAC-SHA256 of "{timestamp}\\n{METHOD}\\n{path}\\n{canonical query}\\n{raw body}">';

/**
 * `acceptV1`: the endpoint also takes the old v1 signature, which covers the body only. Only
 * POST /api/v1/events does (its body names the event, so it cannot be replayed to another effect).
 */
export async function readSignedRequest(request: Request, { acceptV1 = false }: { acceptV1?: boolean } = {}): Promise<SignedRequest> {
  // The secret is the one thing read before the signature checks out (lib/shop-api/shop-secret.ts, cached).
  let secrets: Awaited<ReturnType<typeof shopSecrets>>;
  try {
    secrets = await shopSecrets();
  } catch (error) {
    // The database cannot say the secret: the shop should simply retry, not read a server error.
    log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, "shop API secret unreadable");
    const response = problem(503, "secret-unavailable", "Shop API secret unavailable", "the shop API's secret cannot be read right now: send the request again in a few seconds");
    response.headers.set("retry-after", "2");
    return { ok: false, response };
  }
  if (!secrets) {
    return {
      ok: false,
      response: problem(503, "not-configured", "Shop API not configured", "no shop API secret is set on this server: create one in the console (Connections → Shop API) or set TREUE_SHOP_SECRET"),
    };
  }
  const bytes = await readCappedBytes(request, MAX_BODY_BYTES);
  if (bytes === null) {
    return {
      ok: false,
      response: problem(413, "payload-too-large", "Payload too large", `the body must be at most ${MAX_BODY_BYTES} bytes`),
    };
  }
  const body = bytes.toString("utf8");
  // The path as it came (percent-encoding untouched) and the query's pairs, which survive Next's
  // re-serialising of the query (it groups repeated names and re-encodes).
  const url = new URL(request.url);
  // During a rotation's grace period two secrets verify: the current one is tried first.
  let check: SignatureCheck = { ok: false, reason: "mismatch" };
  for (const secret of secrets.accepted) {
    check = verifySignature({
      secret,
      timestamp: request.headers.get("x-treue-timestamp"),
      signature: request.headers.get("x-treue-signature"),
      request: { method: request.method, path: url.pathname, query: url.searchParams, body },
      acceptV1,
    });
    if (check.ok || check.reason !== "mismatch") break;
  }
  if (!check.ok) {
    const detail = {
      missing: "X-Treue-Timestamp and X-Treue-Signature headers are required",
      malformed: `X-Treue-Timestamp must be Unix seconds and X-Treue-Signature must be ${acceptV1 ? "v2=<64 hex digits> (or v1=<64 hex digits>)" : "v2=<64 hex digits>"}`,
      "v1-not-accepted": `${request.method} ${url.pathname} requires signature v2: X-Treue-Signature: ${V2_FORMAT}; v1 is accepted on POST /api/v1/events only`,
      stale: "X-Treue-Timestamp is more than 300 s away from the server's clock",
      mismatch:
        check.reason === "mismatch" && request.headers.get("x-treue-signature")?.startsWith("v1=")
          ? "the v1 signature does not match the body under the shared secret"
          : "the v2 signature does not match the method, path, query and body under the shared secret",
    }[check.reason];
    return { ok: false, response: problem(401, "invalid-signature", "Invalid signature", detail) };
  }
  return { ok: true, rawBody: body };
}
