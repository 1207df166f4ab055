import { NextResponse } from "next/server";
import { readJson } from "@/lib/http/json";
import { log } from "@/lib/log";
import { problem } from "@/lib/shop-api/problem";
import { APPLE_WALLET_LOGS_PER_MINUTE, appleWalletRoute } from "@/lib/wallet/apple/route";
import { logBody } from "@/lib/wallet/apple/web-service";

export const dynamic = "force-dynamic";

/** Wallet reports what went wrong with our web service (body: { logs: [...] }): into our log at warn, ten messages of 500 characters at most. */
export function POST(request: Request) {
  return appleWalletRoute(
    request,
    async () => {
      const read = await readJson(request, 16_000);
      if (!read.ok) return read.problem === "too-large" ? problem(413, "payload-too-large", "Too large", "the body is larger than 16 KB") : problem(400, "invalid-json", "Not JSON", "the body must be JSON: { \"logs\": [\"…\"] }");
      const body = logBody.safeParse(read.json);
      if (!body.success) return problem(400, "invalid-body", "No logs", "the body must be { \"logs\": [\"…\"] }");
      for (const message of body.data.logs) log.warn({ source: "apple-wallet", message }, "Apple Wallet reported a problem");
      return new NextResponse(null, { status: 200 });
    },
    { name: "log", perMinute: APPLE_WALLET_LOGS_PER_MINUTE },
  );
}
