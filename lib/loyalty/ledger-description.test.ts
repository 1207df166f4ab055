import { describe, expect, it } from "vitest";
import { describeLedgerEntry } from "./ledger-description";

describe("describeLedgerEntry", () => {
  it("takes the order number from the source reference", () => {
    expect(describeLedgerEntry("earn_order", "order:1042")).toEqual({ key: "earn_order", values: { ref: "1042" } });
  });

  it("keeps everything after the first colon (shop ids may contain colons)", () => {
    expect(describeLedgerEntry("refund_clawback", "order:A:77")).toEqual({ key: "refund_clawback", values: { ref: "A:77" } });
  });

  it("uses a reference without a prefix as it is", () => {
    expect(describeLedgerEntry("adjust", "welcome")).toEqual({ key: "adjust", values: { ref: "welcome" } });
  });
});

describe("an in-store purchase in the history", () => {
  it("says it was bought in the store, by the store's name", () => {
    expect(describeLedgerEntry("earn_order", "order:store:laden-mitte:4711", "Laden Mitte")).toEqual({ key: "earn_store", values: { ref: "store:laden-mitte:4711", store: "Laden Mitte", receipt: "4711" } });
    // A name the till never recorded: the store's id part in words.
    expect(describeLedgerEntry("earn_order", "order:store:cafe-am-markt:A1").values.store).toBe("cafe am markt");
    expect(describeLedgerEntry("earn_order", "order:1042", "Laden Mitte").key).toBe("earn_order");
  });
});
