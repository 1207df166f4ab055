import { NextResponse } from "next/server";
import { readJson } from "@/lib/http/json";
import { problem } from "@/lib/shop-api/problem";
import { appleWalletRoute, notAuthorized } from "@/lib/wallet/apple/route";
import { pushTokenBody, registerDevice, unregisterDevice } from "@/lib/wallet/apple/web-service";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ deviceLibraryId: string; passTypeId: string; serial: string }> };

/** A device registers for the pass's updates (body: { pushToken }): 201 new, 200 already registered. */
export function POST(request: Request, { params }: Params) {
  return appleWalletRoute(request, async (db, config) => {
    const { deviceLibraryId, passTypeId, serial } = await params;
    const read = await readJson(request, 4_096);
    if (!read.ok) return read.problem === "too-large" ? problem(413, "payload-too-large", "Too large", "the body is larger than 4 KB") : problem(400, "invalid-json", "Not JSON", "the body must be JSON: { \"pushToken\": \"…\" }");
    const body = pushTokenBody.safeParse(read.json);
    if (!body.success) return problem(400, "invalid-body", "No push token", "the body must be { \"pushToken\": \"<hex>\" }");
    const outcome = await registerDevice(db, config, { deviceLibraryId, passTypeId, serial, authorization: request.headers.get("authorization"), pushToken: body.data.pushToken });
    if (outcome === "unauthorized") return notAuthorized();
    return new NextResponse(null, { status: outcome === "created" ? 201 : 200 });
  });
}

/** The pass left the device's wallet (or its updates were switched off). */
export function DELETE(request: Request, { params }: Params) {
  return appleWalletRoute(request, async (db, config) => {
    const { deviceLibraryId, passTypeId, serial } = await params;
    const outcome = await unregisterDevice(db, config, { deviceLibraryId, passTypeId, serial, authorization: request.headers.get("authorization") });
    return outcome === "unauthorized" ? notAuthorized() : new NextResponse(null, { status: 200 });
  });
}
