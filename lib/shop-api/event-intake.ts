import "server-only";
// POST /api/v1/events after its signature checked out: the test event, then the event checked,
// the program's presence and currency, and the event applied once (lib/server/orders/apply-shop-event.ts).
// What applied nothing new (a duplicate, a refusal, a test) is logged for Connections; an applied
// event is its own record (shop_events), so the hot path writes nothing more.
import { NextResponse } from "next/server";
import type { Database } from "../db";
import { getProgramConfig } from "../db/queries/program";
import { recordShopApiDelivery } from "../db/queries/shop-api-deliveries";
import { applyShopEvent } from "../server/orders/apply-shop-event";
import { DomainError } from "../errors";
import { nudgeDelivery } from "../jobs/runner";
import { isStoreId, reservedEventIdPrefix } from "../loyalty/shop-event-ids";
import { STORE_ID_PREFIX } from "../loyalty/till";
import { shopEventsReceived } from "../observability/metrics";
import { shopEventSchema, type ShopEvent } from "../validations/shop-events";
import { shopTestEventSchema, TEST_EVENT_TYPE } from "../validations/shop-test-event";
import { bodyHash } from "./canonical-json";
import { checkJson, readJson } from "./json-body";
import { problem } from "./problem";

export async function receiveShopEvent(db: Database, rawBody: string): Promise<Response> {
  // Parsed once: the id and type it names are logged with any refusal, the schema checks the rest.
  const json = readJson(rawBody);
  const envelope = looseEnvelope(json.ok ? json.data : null);
  const refused = async (response: Response) => {
    const detail = ((await response.clone().json()) as { detail?: string }).detail ?? null;
    await recordShopApiDelivery(db, { eventId: envelope.id, type: envelope.type, outcome: "refused", status: response.status, detail });
    return response;
  };

  if (!json.ok) return refused(json.response);
  if (envelope.type === TEST_EVENT_TYPE) {
    const test = checkJson(json.data, shopTestEventSchema, { kind: "invalid-event", title: "Invalid event" });
    if (!test.ok) return refused(test.response);
    const reserved = reservedIdProblem(test.data.id);
    if (reserved) return refused(reserved);
    await recordShopApiDelivery(db, { eventId: test.data.id, type: TEST_EVENT_TYPE, outcome: "test", status: 200, detail: null });
    return NextResponse.json({ status: "test", event_id: test.data.id }, { headers: { "cache-control": "no-store" } });
  }

  const parsed = checkJson(json.data, shopEventSchema, { kind: "invalid-event", title: "Invalid event" });
  if (!parsed.ok) return refused(parsed.response);
  const reserved = reservedIdProblem(parsed.data.id) ?? reservedOrderIdProblem(parsed.data);
  if (reserved) return refused(reserved);

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
    return refused(response);
  }

  // Amounts are earned and shown in the program's currency: an order in another one is refused, never converted.
  if (parsed.data.type === "order.paid" && parsed.data.data.currency !== config.currency) {
    return refused(problem(422, "currency-mismatch", "Order in another currency", `order ${parsed.data.data.order_id} is in ${parsed.data.data.currency}, the program in ${config.currency}`));
  }

  try {
    const outcome = await applyShopEvent(db, parsed.data, bodyHash(parsed.data));
    if (outcome.status === "conflict") {
      return refused(problem(409, "event-id-conflict", "Event id already used", `event ${parsed.data.id} was already received with a different body`));
    }
    if (outcome.status === "applied") nudgeDelivery();
    else await recordShopApiDelivery(db, { eventId: parsed.data.id, type: parsed.data.type, outcome: "duplicate", status: 200, detail: null });
    shopEventsReceived.add(1, { type: parsed.data.type, outcome: outcome.status });
    return NextResponse.json(outcome.result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return refused(problem(422, error.code, "Event cannot be applied", error.message));
    throw error;
  }
}

/** The connectors' ids are theirs alone: a shop's event must never take the place of a platform's real one. */
function reservedIdProblem(id: string): Response | null {
  if (isStoreId(id)) return storeIdProblem("event id", id);
  const prefix = reservedEventIdPrefix(id);
  if (!prefix) return null;
  return problem(422, "reserved-event-id", "Reserved event id", `event id ${id} starts with ${prefix}, which is reserved for the events of Treue's platform connectors: use an id without the prefixes shopify:, woocommerce: and shopware:`);
}

/** The till's ids are its own: an order of the shop must never take a booked receipt's place or count as bought in the store. */
function reservedOrderIdProblem(event: ShopEvent): Response | null {
  if (event.type === "customer.updated" || !isStoreId(event.data.order_id)) return null;
  return storeIdProblem("order id", event.data.order_id);
}

function storeIdProblem(what: "event id" | "order id", id: string): Response {
  return problem(422, what === "event id" ? "reserved-event-id" : "reserved-order-id", what === "event id" ? "Reserved event id" : "Reserved order id", `${what} ${id} starts with ${STORE_ID_PREFIX}, which is reserved for purchases booked at the shop's till in Treue's console: use an id without that prefix`);
}

/** The event's id and type as far as the body says them, for the log of a refusal ("" when it does not). */
function looseEnvelope(json: unknown): { id: string; type: string } {
  const { id, type } = (typeof json === "object" && json !== null ? json : {}) as { id?: unknown; type?: unknown };
  return { id: typeof id === "string" ? id : "", type: typeof type === "string" ? type : "" };
}
