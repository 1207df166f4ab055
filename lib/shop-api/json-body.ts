// The second gate of a shop API route, after the signature: JSON, then the route's schema.
import type { z } from "zod";
import { describeIssues } from "../validations/shop-events";
import { problem, type ProblemKind } from "./problem";

export type ParsedBody<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The body checked against `schema`; a 400 problem naming the first offending field otherwise. */
export function parseJsonBody<T>(rawBody: string, schema: z.ZodType<T>, invalid: { kind: ProblemKind; title: string }): ParsedBody<T> {
  const json = readJson(rawBody);
  return json.ok ? checkJson(json.data, schema, invalid) : json;
}

/** The body as JSON; a 400 problem when it is not JSON. */
export function readJson(rawBody: string): ParsedBody<unknown> {
  try {
    return { ok: true, data: JSON.parse(rawBody) as unknown };
  } catch (error) {
    return { ok: false, response: problem(400, "invalid-json", "Invalid JSON", `the body is not valid JSON: ${(error as Error).message}`) };
  }
}

/** Parsed JSON checked against `schema`; a 400 problem naming the first offending field otherwise. */
export function checkJson<T>(json: unknown, schema: z.ZodType<T>, invalid: { kind: ProblemKind; title: string }): ParsedBody<T> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors = describeIssues(parsed.error);
  return { ok: false, response: problem(400, invalid.kind, invalid.title, `${errors[0]?.pointer}: ${errors[0]?.detail}`, errors) };
}
