import { NextResponse } from "next/server";
import { getConnection } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { kind } = await getConnection();
    return NextResponse.json({ ok: true, db: kind });
  } catch {
    return NextResponse.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
