import { consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { exportMemberData } from "@/lib/server/privacy";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

/** A member's data as one JSON download (GDPR access and portability); the read is audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return consoleRead("members.privacy", async (staff) => {
    const data = isUuid(id) ? await exportMemberData(await getDb(), staff, id) : null;
    if (!data) return new Response(JSON.stringify({ type: "urn:treue:problem:not-found", title: "Not found", status: 404, detail: "no such member" }), { status: 404, headers: { "content-type": "application/problem+json" } });
    return new Response(JSON.stringify(data, null, 2), {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="treue-member-${id}.json"`, "cache-control": "no-store" },
    });
  });
}
