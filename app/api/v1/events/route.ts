import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { applyShopEvent } from "@/lib/db/queries/shop-events";
import { DomainError } from "@/lib/errors";
import { bodyHash } from "@/lib/shop-api/canonical-json";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";
import { describeIssues, shopEventSchema } from "@/lib/validations/shop-events";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;

  let json: unknown;
  try {
    json = JSON.parse(signed.rawBody);
  } catch (error) {
    return problem(400, "invalid-json", "Invalid JSON", `the body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = shopEventSchema.safeParse(json);
  if (!parsed.success) {
    const errors = describeIssues(parsed.error);
    return problem(400, "invalid-event", "Invalid event", `${errors[0]?.pointer}: ${errors[0]?.detail}`, errors);
  }

  try {
    const outcome = await applyShopEvent(await getDb(), parsed.data, bodyHash(parsed.data));
    if (outcome.status === "conflict") {
      return problem(409, "event-id-conflict", "Event id already used", `event ${parsed.data.id} was already received with a different body`);
    }
    return NextResponse.json(outcome.result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return problem(422, error.code, "Event cannot be applied", error.message);
    throw error;
  }
}
