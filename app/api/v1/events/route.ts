import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { getProgramConfig } from "@/lib/db/queries/program";
import { applyShopEvent } from "@/lib/server/orders/apply-shop-event";
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
  // The one endpoint that still takes v1 signatures: the body names the event, so a captured one
  // replays to nothing but a duplicate.
  const signed = await readSignedRequest(request, { acceptV1: true });
  if (!signed.ok) return signed.response;

  const parsed = parseJsonBody(signed.rawBody, shopEventSchema, { kind: "invalid-event", title: "Invalid event" });
  if (!parsed.ok) return parsed.response;

  const db = await getDb();
  const config = await getProgramConfig(db);
  // A fresh install has no program until the console's set-up wizard makes it: no earn rule, no tiers,
  // no name to tell shoppers. Nothing is written; the shop delivers the event again once it exists.
  if (!config.exists) {
    const response = problem(
      503,
      "program-not-set-up",
      "Program not set up",
      `no loyalty program is set up on this server yet: finish the set-up wizard in the console (/console), then send event ${parsed.data.id} again`,
    );
    response.headers.set("retry-after", "600");
    return response;
  }

  // Amounts are earned and shown in the program's currency: an order in another one is refused, never converted.
  if (parsed.data.type === "order.paid" && parsed.data.data.currency !== config.currency) {
    return problem(422, "currency-mismatch", "Order in another currency", `order ${parsed.data.data.order_id} is in ${parsed.data.data.currency}, the program in ${config.currency}`);
  }

  try {
    const outcome = await applyShopEvent(db, parsed.data, bodyHash(parsed.data));
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
