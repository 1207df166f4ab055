import { NextResponse } from "next/server";
import { appleWalletRoute } from "@/lib/wallet/apple/route";
import { updatedSerials } from "@/lib/wallet/apple/web-service";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ deviceLibraryId: string; passTypeId: string }> };

/** The device's passes that changed since its tag (?passesUpdatedSince=…): 200 with the serials and the next tag, 204 when none. */
export function GET(request: Request, { params }: Params) {
  return appleWalletRoute(request, async (db, config) => {
    const { deviceLibraryId, passTypeId } = await params;
    const since = new URL(request.url).searchParams.get("passesUpdatedSince");
    const updated = await updatedSerials(db, config, { deviceLibraryId, passTypeId, since });
    if (!updated) return new NextResponse(null, { status: 204 });
    return NextResponse.json(updated, { status: 200, headers: { "cache-control": "no-store" } });
  });
}
