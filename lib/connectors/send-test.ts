import "server-only";
// The console's "send test": a delivery signed with the configured secret, sent over HTTP to this
// server's public URL, exactly as the platform would send it. It proves URL, TLS, proxy and secret
// end to end; the intake records it as a test and changes nothing.
import { randomUUID } from "node:crypto";
import { TEST_TOPIC } from "./receive";
import { hmacSha256 } from "./signature";
import type { Platform } from "./types";

const headerNames: Record<Platform, { topic: string; signature: string; delivery: string }> = {
  shopify: { topic: "x-shopify-topic", signature: "x-shopify-hmac-sha256", delivery: "x-shopify-webhook-id" },
  woocommerce: { topic: "x-wc-webhook-topic", signature: "x-wc-webhook-signature", delivery: "x-wc-webhook-delivery-id" },
};

export function connectorUrl(publicUrl: string, platform: Platform): string {
  return new URL(`/api/connectors/${platform}`, publicUrl).toString();
}

export async function sendTestDelivery(platform: Platform, publicUrl: string, secret: string): Promise<{ ok: boolean; detail: string }> {
  const body = JSON.stringify({ test: true, sent_at: new Date().toISOString() });
  const names = headerNames[platform];
  try {
    const response = await fetch(connectorUrl(publicUrl, platform), {
      method: "POST",
      body,
      headers: { "content-type": "application/json", [names.topic]: TEST_TOPIC, [names.signature]: hmacSha256(secret, body, "base64"), [names.delivery]: `test-${randomUUID()}` },
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => null)) as { status?: string; detail?: string } | null;
    if (response.ok && answer?.status === "test") return { ok: true, detail: `HTTP ${response.status}` };
    return { ok: false, detail: `HTTP ${response.status}${answer?.detail ? `: ${answer.detail}` : ""}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
