import type { z } from "zod";
import { describeIssues } from "../validations/shop-events";
import type { Mapping } from "./types";

/** Where and what is wrong with a payload, for the delivery log: "/line_items/0/price: …". */
export function firstIssue(error: z.ZodError): string {
  const [issue] = describeIssues(error);
  return issue ? `${issue.pointer}: ${issue.detail}` : "unexpected payload";
}

/** A payload Treue cannot use: answered 200 (so the platform does not retry) and shown in Connections. */
export function rejected(error: z.ZodError): Mapping {
  return { outcome: "rejected", reason: firstIssue(error) };
}
