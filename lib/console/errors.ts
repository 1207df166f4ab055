// The console's refusals: the app's one error model (lib/errors/app-error.ts), with the message
// key under console.errors, the text staff read.
import { AppError } from "../errors";

export type ConsoleErrorCode = "not-found" | "conflict" | "refused";

/**
 * An expected refusal inside a console action ("this would overdraw the balance"). `key` names a
 * message under console.errors; `values` fill it. Thrown inside a transaction, it also rolls it back.
 */
export class ConsoleError extends AppError {
  override name = "ConsoleError";
  constructor(
    override readonly code: ConsoleErrorCode,
    key: string,
    values: Record<string, string | number> = {},
  ) {
    super(code, key, values);
  }
}
