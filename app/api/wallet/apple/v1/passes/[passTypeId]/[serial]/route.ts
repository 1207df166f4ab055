import { NextResponse } from "next/server";
import { appleWalletRoute, notAuthorized, pkpassAnswer } from "@/lib/wallet/apple/route";
import { latestPass } from "@/lib/wallet/apple/web-service";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ passTypeId: string; serial: string }> };

/** The newest version of a pass (Last-Modified; 304 when If-Modified-Since is not older). */
export function GET(request: Request, { params }: Params) {
  return appleWalletRoute(request, async (db, config) => {
    const { passTypeId, serial } = await params;
    const latest = await latestPass(db, config, { passTypeId, serial, authorization: request.headers.get("authorization"), ifModifiedSince: request.headers.get("if-modified-since") });
    if (latest.status === "unauthorized") return notAuthorized();
    if (latest.status === "not-modified") return new NextResponse(null, { status: 304, headers: { "last-modified": latest.lastModified.toUTCString() } });
    return pkpassAnswer(latest.body, latest.lastModified);
  });
}
