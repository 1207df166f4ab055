import { dispatchConsoleAction } from "@/lib/console/dispatch";

export const dynamic = "force-dynamic";

/** Every console change: /api/console/<action>, JSON in, JSON or problem+json out. */
export async function POST(request: Request, { params }: { params: Promise<{ action: string }> }) {
  return dispatchConsoleAction((await params).action, request);
}
