import "server-only";
import { requireMember } from "../auth/session";
import type { MemberSummary } from "../db/queries/members";

/** Every server action runs as the signed-in member; anyone else is sent to sign-in. */
export function authedAction<Args extends unknown[], Result>(
  action: (member: MemberSummary, ...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => action(await requireMember(), ...args);
}
