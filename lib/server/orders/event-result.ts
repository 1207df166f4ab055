// What applying a shop event answers (docs/api.md): kept with the event id and answered to its
// re-deliveries. Its own module, so the order paths and the event dispatcher both name it without
// importing each other.

export type TierRef = { id: string; name: string };

export type EventResult = {
  status: "applied" | "duplicate";
  event_id: string;
  member_id: string;
  points_delta: number;
  balance: number;
  tier: TierRef | null;
};

export type EventOutcome = { status: "applied" | "duplicate"; result: EventResult } | { status: "conflict" };

/** A tier as the shop API names it: its id and its German name. */
export function tierRef(tier: { id: string; name: { de: string } } | null): TierRef | null {
  return tier ? { id: tier.id, name: tier.name.de } : null;
}
