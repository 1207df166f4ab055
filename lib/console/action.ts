import "server-only";
import type { z } from "zod";
import type { Database } from "../db/connect";
import type { MemberSummary } from "../db/queries/members";

export type StaffMember = MemberSummary;
export type ActionContext = { db: Database; staff: StaffMember; now: Date };

/**
 * A console mutation: the zod schema its input must pass (the same one
 * the form checks in the browser) and the work. The dispatcher (app/api/console/[action]) checks
 * the role before it parses anything, so a refused caller writes nothing.
 */
export type ConsoleAction<S extends z.ZodType = z.ZodType, R = unknown> = {
  input: S;
  run: (ctx: ActionContext, input: z.output<S>) => Promise<R>;
};

/** An action's input schema and work; its capability is in action-names.ts, by name. */
export function consoleAction<S extends z.ZodType, R>(input: S, run: (ctx: ActionContext, input: z.output<S>) => Promise<R>): ConsoleAction<S, R> {
  return { input, run };
}
