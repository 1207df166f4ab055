import { describe, expect, it } from "vitest";
import { isStoreId } from "./shop-event-ids";
import { parseStoreOrderId, receiptKey, storeNameFromSlug, storeOrderId, storeSlug, tillCouponUseId } from "./till";

describe("the till's names for an in-store purchase", () => {
  it("makes one store id of the ways a store's name is typed", () => {
    expect(storeSlug("Laden Mitte")).toBe("laden-mitte");
    expect(storeSlug("  laden   mitte ")).toBe("laden-mitte");
    expect(storeSlug("Café am Markt")).toBe("cafe-am-markt");
    expect(storeSlug("Große Straße 5")).toBe("grosse-strasse-5");
    expect(storeSlug("Markt: Stand 3")).toBe("markt-stand-3");
    expect(storeSlug("!!!")).toBe("");
    expect(storeSlug("x".repeat(80))).toHaveLength(40);
    expect(storeSlug(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
  });

  it("compares receipts without spaces and case, and refuses what no receipt holds", () => {
    expect(receiptKey(" a 4711 ")).toBe("A4711");
    expect(receiptKey("2024/000123-7")).toBe("2024/000123-7");
    expect(receiptKey("")).toBeNull();
    expect(receiptKey("   ")).toBeNull();
    expect(receiptKey("47:11")).toBeNull();
    expect(receiptKey("-4711")).toBeNull();
    expect(receiptKey("1".repeat(41))).toBeNull();
  });

  it("names the order by store and receipt and reads both back", () => {
    const id = storeOrderId("laden-mitte", "A:1");
    expect(id).toBe("store:laden-mitte:A:1");
    expect(parseStoreOrderId(id)).toEqual({ slug: "laden-mitte", receipt: "A:1" });
    expect(parseStoreOrderId("1042")).toBeNull();
    expect(parseStoreOrderId("store:")).toBeNull();
    expect(parseStoreOrderId("store::1")).toBeNull();
    expect(parseStoreOrderId("store:x:")).toBeNull();
    expect(isStoreId(id)).toBe(true);
    expect(isStoreId(tillCouponUseId("laden-mitte", "r1"))).toBe(true);
    expect(isStoreId("Store:x:1")).toBe(false);
    expect(storeNameFromSlug("laden-mitte")).toBe("laden mitte");
  });
});
