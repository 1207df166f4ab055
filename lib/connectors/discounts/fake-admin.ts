// What every platform's stand-in admin API (fakes/*.ts, used by tests and the e2e run) offers:
// it answers as the platform's documentation says, checks every request (method, path, auth,
// body fields) and records what it saw, and can be told to be down or to refuse.
import type { DiscountAdapter } from "./types";

export type FakeDiscount = {
  /** The platform's id of the discount. */
  externalId: string;
  code: string;
  active: boolean;
  /** The request body fields the test may look at, as the platform received them. */
  body: unknown;
};

export type FakeRequest = { method: string; path: string; status: number };

export type FakeAdmin = {
  /** The stand-in's base URL (http://127.0.0.1:PORT). */
  url: string;
  /** An adapter pointed at the stand-in with the credentials it accepts. */
  adapter(): DiscountAdapter;
  /** The credentials it accepts, for configuring Treue through the console or environment. */
  credentials: Record<string, string>;
  /** Discounts that exist in the stand-in shop. */
  discounts(): FakeDiscount[];
  requests: FakeRequest[];
  /** Requests that broke the platform's documented contract: a test expects none. */
  violations: string[];
  /** The next `count` calls answer as a platform that is down (5xx) or rate-limiting (429). */
  failNext(count: number, how: "down" | "rate-limited"): void;
  /** The next create is refused for good (the platform's validation error, e.g. the code is taken). */
  refuseNextCreate(): void;
  /** A customer account in the stand-in shop (a platform that binds discounts by its customer id); returns its id. */
  addCustomer?(email: string, id?: string): string;
  /** Every answer is delayed by this many milliseconds (the benchmark's slow shop). */
  delayMs: number;
  close(): Promise<void>;
};
