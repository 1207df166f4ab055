import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "../connect";
import { programs } from "../schema";

import { PROGRAM_ID } from "../program-id";

export async function getProgramName(db: Database): Promise<string | null> {
  const [row] = await db.select({ name: programs.name }).from(programs).where(eq(programs.id, PROGRAM_ID));
  return row?.name ?? null;
}
