// The browser's side of the console's API: one call per action, problems as typed errors.
import type { FieldError } from "../validations/issue-message";
import type { ConsoleActionName } from "./action-names";

export type { FieldError };

/** A problem+json answer: `detail` is already in the staff member's language. */
export class ConsoleProblem extends Error {
  override name = "ConsoleProblem";
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

export async function postConsoleAction<R = unknown>(name: ConsoleActionName, input: unknown): Promise<R> {
  const response = await fetch(`/api/console/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw await problemOf(response);
  return ((await response.json()) as { result: R }).result;
}

export async function getConsoleJson<R>(path: string, signal?: AbortSignal): Promise<R> {
  const response = await fetch(path, { headers: { accept: "application/json" }, ...(signal && { signal }) });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as R;
}

async function problemOf(response: Response): Promise<ConsoleProblem> {
  try {
    const body = (await response.json()) as { detail?: string; errors?: FieldError[] };
    return new ConsoleProblem(response.status, body.detail ?? response.statusText, body.errors ?? []);
  } catch {
    return new ConsoleProblem(response.status, response.statusText);
  }
}

/** The first error per field, keyed by its JSON pointer ("/rule/pointsPerUnit"). */
export function errorsByPointer(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.pointer] ??= e.detail;
  return out;
}
