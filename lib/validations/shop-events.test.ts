import { describe, expect, it } from "vitest";
import { describeIssues, shopEventSchema } from "./shop-events";

const orderPaid = {
  id: "evt_8f2c1",
  type: "order.paid",
  occurred_at: "2026-11-20T10:15:00Z",
  data: {
    order_id: "1042",
    customer: { id: "cust_1001", email: "Anna@Example.DE", name: "Anna", birthday: "1990-05-14" },
    currency: "EUR",
    subtotal_cents: 4_299,
    items: [{ sku: "RUCK-28", name: "Tagesrucksack", quantity: 1, unit_price_cents: 4_299, category: "bags" }],
  },
};

function problems(body: unknown) {
  const result = shopEventSchema.safeParse(body);
  return result.success ? [] : describeIssues(result.error);
}

describe("shop event bodies", () => {
  it("accepts the contract's order.paid and normalises the e-mail", () => {
    const event = shopEventSchema.parse(orderPaid);
    expect(event.type).toBe("order.paid");
    if (event.type === "order.paid") expect(event.data.customer.email).toBe("anna@example.de");
  });

  it("accepts refunds and customer updates, and ignores extra fields", () => {
    expect(
      shopEventSchema.parse({ id: "e2", type: "order.refunded", occurred_at: "2026-11-20T10:15:00+01:00", data: { order_id: "1042", amount_cents: 100, note: "x" } }),
    ).toMatchObject({ data: { order_id: "1042", amount_cents: 100 } });
    expect(
      shopEventSchema.parse({ id: "e3", type: "customer.updated", occurred_at: "2026-11-20T10:15:00Z", data: { customer: { id: "c", email: "a@b.de" } } }).type,
    ).toBe("customer.updated");
  });

  it("points at exactly what is wrong", () => {
    const withData = (data: object) => ({ ...orderPaid, data: { ...orderPaid.data, ...data } });
    expect(problems(withData({ subtotal_cents: -1 }))).toEqual([{ pointer: "/data/subtotal_cents", detail: "subtotal_cents must not be negative" }]);
    expect(problems(withData({ subtotal_cents: 12.5 }))[0]?.detail).toBe("subtotal_cents must be a whole number of cents");
    expect(problems(withData({ subtotal_cents: "4299" }))[0]?.detail).toBe("subtotal_cents must be a number of cents");
    expect(problems(withData({ subtotal_cents: 1e15 }))[0]?.pointer).toBe("/data/subtotal_cents");
    expect(problems(withData({ currency: "EURO" }))[0]).toEqual({ pointer: "/data/currency", detail: "must be an ISO 4217 code such as EUR" });
    expect(problems(withData({ customer: { id: "c", email: "nope" } }))[0]?.pointer).toBe("/data/customer/email");
    expect(problems(withData({ customer: { id: "c", email: "a@b.de", birthday: "1990-02-30" } }))[0]?.detail).toBe("is not a real calendar date");
    expect(problems({ ...orderPaid, id: "" })[0]?.pointer).toBe("/id");
    expect(problems({ ...orderPaid, id: "x".repeat(129) })[0]?.detail).toBe("must be at most 128 characters");
    expect(problems({ ...orderPaid, occurred_at: "yesterday" })[0]?.pointer).toBe("/occurred_at");
    expect(problems(withData({ order_id: "10\u000042" }))[0]).toEqual({ pointer: "/data/order_id", detail: "must not contain NUL characters" });
  });

  it("refuses an unknown type by name", () => {
    expect(problems({ ...orderPaid, type: "order.shipped" })).toEqual([
      { pointer: "/type", detail: "type must be one of order.paid, order.refunded, customer.updated" },
    ]);
  });

  it("refuses bodies that are not objects at all", () => {
    for (const body of [null, 42, "order", [], { id: "x" }]) expect(problems(body).length).toBeGreaterThan(0);
  });
});
