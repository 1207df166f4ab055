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
