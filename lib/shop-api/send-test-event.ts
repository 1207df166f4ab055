import "server-only";
// The console's "send signed test event": a real request to this server's public URL, signed with
// the shop API's secret exactly as a shop signs it, so URL, TLS, proxy and secret are proven end to
// end. Its type is `test`: the API answers it and lists it under the deliveries, and applies nothing.
import { randomUUID } from "node:crypto";
import { TEST_EVENT_TYPE } from "../validations/shop-test-event";
import { signRequest } from "./signature";

export const SHOP_EVENTS_PATH = "/api/v1/events";

/** The events endpoint under the public URL, keeping its path (Treue served under https://shop.example/treue). */
export function shopEventsUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${SHOP_EVENTS_PATH}`;
  url.search = "";
  url.hash = "";
  return url.toString();
}

export type TestEventResult = { accepted: boolean; status: number | null; eventId: string; detail: string };

export async function sendTestEvent(publicUrl: string, secret: string, now = new Date()): Promise<TestEventResult> {
  const eventId = `test-${randomUUID()}`;
  const url = shopEventsUrl(publicUrl);
  const body = JSON.stringify({ id: eventId, type: TEST_EVENT_TYPE, occurred_at: now.toISOString(), data: { sent_by: "console" } });
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...signRequest(secret, { method: "POST", url, body }, now.getTime()) },
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => null)) as { status?: unknown; detail?: unknown } | null;
    if (response.ok && answer?.status === "test") return { accepted: true, status: response.status, eventId, detail: `HTTP ${response.status}` };
    const why = typeof answer?.detail === "string" ? `: ${answer.detail}` : "";
    return { accepted: false, status: response.status, eventId, detail: `HTTP ${response.status}${why}` };
  } catch (error) {
    return { accepted: false, status: null, eventId, detail: error instanceof Error ? error.message : String(error) };
  }
}
