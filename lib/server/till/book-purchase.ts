import "server-only";
// A purchase in the shop's store, booked at the till: the same order.paid event the shop API
// applies (lib/server/orders/apply-shop-event.ts), so it earns by the same rule, settles the same
// tier and debt, qualifies the same referral and tells the member the same way as an online order.
// Its event and order id is `store:<store>:<receipt>` (lib/loyalty/till.ts): the event id is claimed
// once, so the same receipt of the same store books once, also when two tills send it at once; a
// second booking is refused with when the first one was made, and writes nothing.
import { ConsoleError } from "../../errors";
import { receiptKey, storeOrderId, storeSlug } from "../../loyalty/till";
import type { Database } from "../../db/connect";
import { writeAudit, type AuditActor } from "../../db/queries/audit";
import { getProgramConfig } from "../../db/queries/program";
import { getMemberForBooking, receiptBookedAt, rememberStoreName } from "../../db/queries/till";
import { bodyHash } from "../../shop-api/canonical-json";
import { connectorEventSchema } from "../../validations/shop-events";
import type { TillBookInput } from "../../validations/till";
import { applyShopEvent, type TierRef } from "../orders/apply-shop-event";

export type TillBooking = { memberId: string; orderId: string; store: string; receipt: string; amountCents: number; currency: string; points: number; balance: number; tier: TierRef | null };

export async function bookStorePurchase(db: Database, staff: AuditActor, input: TillBookInput, now: Date): Promise<TillBooking> {
  const config = await getProgramConfig(db);
  if (!config.exists) throw new ConsoleError("refused", "tillNoProgram");
  const slug = storeSlug(input.store);
  const receipt = receiptKey(input.receipt);
  if (!slug) throw new ConsoleError("invalid-input", "tillStoreInvalid", {}, { pointer: "/store" });
  if (!receipt) throw new ConsoleError("invalid-input", "tillReceiptInvalid", {}, { pointer: "/receipt" });
  const orderId = storeOrderId(slug, receipt);
  const refuseBooked = async () => {
    const at = await receiptBookedAt(db, orderId);
    return new ConsoleError("conflict", "tillReceiptBooked", { receipt, store: input.store, at: at ?? now }, { pointer: "/receipt" });
  };
  const member = await getMemberForBooking(db, input.memberId);
  if (!member) throw new ConsoleError("not-found", "tillMemberGone");
  if (await receiptBookedAt(db, orderId)) throw await refuseBooked();

  // The member as the shop's order path finds them: by the shop's customer id when they have one
  // (the known-customer way), else by their e-mail address; nothing else about them changes.
  const event = connectorEventSchema.parse({
    id: orderId,
    type: "order.paid",
    occurred_at: now.toISOString(),
    data: {
      order_id: orderId,
      customer: { ...(member.shopCustomerId && { id: member.shopCustomerId }), email: member.email },
      currency: config.currency,
      subtotal_cents: input.amountCents,
      items: [],
    },
  });
  const outcome = await applyShopEvent(db, event, bodyHash(event), now);
  // Another till booked the same receipt a moment before (its claim came first): nothing was written here.
  if (outcome.status !== "applied") throw await refuseBooked();
  const { result } = outcome;
  await rememberStoreName(db, slug, input.store);
  const booking: TillBooking = { memberId: result.member_id, orderId, store: input.store, receipt, amountCents: input.amountCents, currency: config.currency, points: result.points_delta, balance: result.balance, tier: result.tier };
  await writeAudit(db, staff, "till.purchase", `member:${result.member_id}`, null, { store: input.store, receipt, amountCents: input.amountCents, currency: config.currency, points: result.points_delta, orderId }, now);
  return booking;
}
