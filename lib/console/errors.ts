// One error model for the console: a code decides the HTTP status, a message key the text staff read.

export const consoleErrorStatus = {
  "not-found": 404,
  conflict: 409,
  refused: 422,
} as const;
export type ConsoleErrorCode = keyof typeof consoleErrorStatus;

/**
 * An expected refusal inside a console action ("this would overdraw the balance"). `key` names a
 * message under console.errors; `values` fill it. Thrown inside a transaction, it also rolls it back.
 */
export class ConsoleError extends Error {
  override name = "ConsoleError";
  constructor(
    readonly code: ConsoleErrorCode,
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
  }
}
