// The console's refusals: the app's one error model (lib/errors/app-error.ts), with the message
// key under console.errors, the text staff read.
import { AppError } from "../errors";

export type ConsoleErrorCode = "not-found" | "conflict" | "refused" | "invalid-input";

/**
 * Where a refusal's message lives: console.errors, or a page's own namespace when the page keeps
 * all its words together (the same messages its form shows before sending).
 */
export type ConsoleErrorNamespace = "console.errors" | "consoleStorefront.errors";

/**
 * An expected refusal inside a console action ("this would overdraw the balance"). `key` names a
 * message under console.errors (or `namespace`); `values` fill it; `pointer` names the input field
 * it is about, so the form can show it there. Thrown inside a transaction, it also rolls it back.
 */
export class ConsoleError extends AppError {
  override name = "ConsoleError";
  readonly namespace: ConsoleErrorNamespace;
  readonly pointer: string | undefined;
  constructor(
    override readonly code: ConsoleErrorCode,
    key: string,
    values: Record<string, string | number> = {},
    where: { namespace?: ConsoleErrorNamespace; pointer?: string } = {},
  ) {
    super(code, key, values);
    this.namespace = where.namespace ?? "console.errors";
    this.pointer = where.pointer;
  }
}
