import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { applyShopEvent } from "@/lib/db/queries/shop-events";
import { nudgeDelivery } from "@/lib/jobs/runner";
import { shopEventsReceived } from "@/lib/observability/metrics";
import { DomainError } from "@/lib/errors";
import { bodyHash } from "@/lib/shop-api/canonical-json";
import { parseJsonBody } from "@/lib/shop-api/json-body";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";
import { shopEventSchema } from "@/lib/validations/shop-events";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;

  const parsed = parseJsonBody(signed.rawBody, shopEventSchema, { kind: "invalid-event", title: "Invalid event" });
  if (!parsed.ok) return parsed.response;

  try {
    const outcome = await applyShopEvent(await getDb(), parsed.data, bodyHash(parsed.data));
    if (outcome.status === "conflict") {
      return problem(409, "event-id-conflict", "Event id already used", `event ${parsed.data.id} was already received with a different body`);
    }
    if (outcome.status === "applied") nudgeDelivery();
    shopEventsReceived.add(1, { type: parsed.data.type, outcome: outcome.status });
    return NextResponse.json(outcome.result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return problem(422, error.code, "Event cannot be applied", error.message);
    throw error;
  }
}
