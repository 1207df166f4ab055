// One error model for the app's routes and actions (STYLE): a code decides the HTTP status and the
// problem's `type` (RFC 9457 problem+json, urn:treue:problem:<code>), a message key the words the
// person reads, in their language. The console's refusals are AppErrors too (ConsoleError).

export const appErrorStatus = {
  "invalid-input": 400,
  "invalid-json": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "payload-too-large": 413,
  refused: 422,
  "rate-limited": 429,
} as const;
export type AppErrorCode = keyof typeof appErrorStatus;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    /** A message under the `errors` catalogue (the console's under `console.errors`). */
    readonly key: string,
    readonly values: Record<string, string | number | Date> = {},
    /** Extra members of the problem document (RFC 9457 extensions), e.g. a task answer's outcome. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

/** An expected refusal (unknown order, …) that callers turn into a 4xx with a precise detail. */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: "unknown-order" | "unknown-customer",
    detail: string,
  ) {
    super(detail);
  }
}

// The console's refusals: AppErrors whose message key lives under console.errors, the text staff
// read. Thrown by the queries behind console actions (inside a transaction, which it rolls back).
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
    values: Record<string, string | number | Date> = {},
    where: { namespace?: ConsoleErrorNamespace; pointer?: string } = {},
  ) {
    super(code, key, values);
    this.namespace = where.namespace ?? "console.errors";
    this.pointer = where.pointer;
  }
}
