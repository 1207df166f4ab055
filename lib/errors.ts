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
