// What every change to the program needs: the program, locked, or the console's refusal.
import "server-only";
import type { Tx } from "../../db/connect";
import { lockProgram } from "../../db/queries/console-program";
import { ConsoleError } from "../../errors";

/** Locks the program row, so two changes to it never interleave; refuses before setup. */
export async function requireProgram(tx: Tx) {
  const program = await lockProgram(tx);
  if (!program) throw new ConsoleError("not-found", "noProgram");
  return program;
}
