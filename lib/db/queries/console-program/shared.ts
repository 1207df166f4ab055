// What every part of the program's administration needs.
import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "../../connect";
import { PROGRAM_ID } from "../../program-id";
import { programs } from "../../schema";

export type ProgramRow = typeof programs.$inferSelect;

/** The program row, locked for the rest of the transaction (changes to it are serialised); undefined before setup. */
export async function lockProgram(tx: Tx): Promise<ProgramRow | undefined> {
  const [program] = await tx.select().from(programs).where(eq(programs.id, PROGRAM_ID)).for("update");
  return program;
}

export async function updateProgram(tx: Tx, change: Partial<Omit<typeof programs.$inferInsert, "id">>): Promise<void> {
  await tx.update(programs).set(change).where(eq(programs.id, PROGRAM_ID));
}

/** Creates the program with these settings unless it exists; true when it was created. */
export async function insertProgramIfMissing(tx: Tx, settings: Omit<typeof programs.$inferInsert, "id">): Promise<boolean> {
  const created = await tx.insert(programs).values({ id: PROGRAM_ID, ...settings }).onConflictDoNothing().returning({ id: programs.id });
  return created.length > 0;
}
