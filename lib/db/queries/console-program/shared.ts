// What every part of the console's program changes needs.
import "server-only";
import { eq } from "drizzle-orm";
import { ConsoleError } from "../../../errors";
import type { Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs } from "../../schema";

export async function requireProgram(tx: Tx) {
  const [program] = await tx.select().from(programs).where(eq(programs.id, PROGRAM_ID)).for("update");
  if (!program) throw new ConsoleError("not-found", "noProgram");
  return program;
}
