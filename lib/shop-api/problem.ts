// RFC 9457 problem details for the shop API and the console's API: a stable `type` per kind of problem.
export type ProblemKind =
  | "invalid-signature"
  | "not-configured"
  | "secret-unavailable"
  | "payload-too-large"
  | "invalid-json"
  | "invalid-event"
  | "event-id-conflict"
  | "unknown-order"
  | "unknown-customer"
  | "not-found"
  | "invalid-body"
  | "coupon-used"
  | "coupon-expired"
  | "invalid-period"
  | "program-not-set-up"
  | "currency-mismatch"
  | "reserved-event-id"
  | "reserved-order-id"
  // Connectors (lib/connectors):
  | "upstream-unavailable"
  // The console's API (lib/console/dispatch.ts):
  | "unauthenticated"
  | "forbidden"
  | "invalid-input"
  | "invalid-image"
  | "invalid-series"
  | "refused"
  | "conflict"
  // Too many attempts in a while (photo uploads):
  | "rate-limited";

export function problem(
  status: number,
  kind: ProblemKind,
  title: string,
  detail: string,
  errors?: { pointer: string; detail: string }[],
  extensions: Record<string, unknown> = {},
): Response {
  return new Response(JSON.stringify({ ...extensions, type: `urn:treue:problem:${kind}`, title, status, detail, ...(errors && { errors }) }), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}
