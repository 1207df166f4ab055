import { consoleRead } from "@/lib/console/dispatch";
import { getDb } from "@/lib/db";
import { exportProgram } from "@/lib/db/queries/console-program";

export const dynamic = "force-dynamic";

/** The whole program as a JSON download (format "treue-program", version 1). */
export async function GET() {
  return consoleRead("program.edit", async () => {
    const doc = await exportProgram(await getDb());
    return new Response(JSON.stringify(doc ?? null, null, 2), {
      status: doc ? 200 : 404,
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": 'attachment; filename="treue-program.json"', "cache-control": "no-store" },
    });
  });
}
