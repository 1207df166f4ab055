// The gate every shop API route passes first: size cap, then signature. Nothing is parsed,
// read from or written to the database before the signature checks out.
import { env } from "../env";
import { readCappedBytes } from "../http/read-capped";
import { problem } from "./problem";
import { verifySignature } from "./signature";

export const MAX_BODY_BYTES = 64 * 1024;

export type SignedRequest = { ok: true; rawBody: string } | { ok: false; response: Response };

export async function readSignedRequest(request: Request): Promise<SignedRequest> {
  const secret = env().shopSecret;
  if (!secret) {
    return { ok: false, response: problem(503, "not-configured", "Shop API not configured", "TREUE_SHOP_SECRET is not set on this server") };
  }
  const bytes = await readCappedBytes(request, MAX_BODY_BYTES);
  if (bytes === null) {
    return {
      ok: false,
      response: problem(413, "payload-too-large", "Payload too large", `the body must be at most ${MAX_BODY_BYTES} bytes`),
    };
  }
  const body = bytes.toString("utf8");
  const check = verifySignature({
    secret,
    timestamp: request.headers.get("x-treue-timestamp"),
    signature: request.headers.get("x-treue-signature"),
    rawBody: body,
  });
  if (!check.ok) {
    const detail = {
      missing: "X-Treue-Timestamp and X-Treue-Signature headers are required",
      malformed: "X-Treue-Timestamp must be Unix seconds and X-Treue-Signature must be v1=<64 hex digits>",
      stale: "X-Treue-Timestamp is more than 300 s away from the server's clock",
      mismatch: "the signature does not match the body under the shared secret",
    }[check.reason];
    return { ok: false, response: problem(401, "invalid-signature", "Invalid signature", detail) };
  }
  return { ok: true, rawBody: body };
}
