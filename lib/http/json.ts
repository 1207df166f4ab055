// JSON in and out for the app's own routes (the shop API has lib/shop-api/json-body.ts).
import { NextResponse } from "next/server";
import { readCappedBytes } from "./read-capped";

/** A JSON answer no cache keeps: these answers are about one shopper. */
export function jsonAnswer(status: number, body: Record<string, unknown>): NextResponse {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store" } });
}

export type JsonBody = { ok: true; json: unknown } | { ok: false; problem: "too-large" | "not-json" };

/** The body parsed as JSON, read no further than `maxBytes`. */
export async function readJson(request: Request, maxBytes: number): Promise<JsonBody> {
  const raw = await readCappedBytes(request, maxBytes);
  if (!raw) return { ok: false, problem: "too-large" };
  try {
    return { ok: true, json: JSON.parse(raw.toString("utf8")) };
  } catch {
    return { ok: false, problem: "not-json" };
  }
}
