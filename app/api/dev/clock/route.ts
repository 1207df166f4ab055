import { NextResponse } from "next/server";
import { z } from "zod";
import { now, setClockOffset } from "@/lib/clock";
import { env } from "@/lib/env";
import { problem } from "@/lib/shop-api/problem";
import { readSignedRequest } from "@/lib/shop-api/signed-request";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ offset_days: z.number().min(-400).max(400) });

/**
 * Moves the app's clock for time-driven rules (e.g. referral return windows) so an e2e test can
 * step over days. Demo and development servers only, and signed like the shop API.
 */
export async function POST(request: Request) {
  if (!env().demo && process.env.NODE_ENV === "production") return problem(404, "not-found", "Not found", "the test clock exists on demo and development servers only");
  const signed = await readSignedRequest(request);
  if (!signed.ok) return signed.response;
  let body: z.infer<typeof bodySchema>;
  try {
    body = bodySchema.parse(JSON.parse(signed.rawBody));
  } catch {
    return problem(400, "invalid-body", "Invalid body", 'send {"offset_days": number between -400 and 400}');
  }
  setClockOffset(body.offset_days * 86_400_000);
  return NextResponse.json({ now: now().toISOString() });
}
