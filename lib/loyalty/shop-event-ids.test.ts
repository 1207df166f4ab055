import { describe, expect, it } from "vitest";
import { reservedEventIdPrefix } from "./shop-event-ids";

describe("event ids reserved for the platform connectors", () => {
  it("names the prefix of a connector's id and lets the shop's own ids pass", () => {
    expect(reservedEventIdPrefix("shopify:order:1:paid")).toBe("shopify:");
    expect(reservedEventIdPrefix("woocommerce:refund:7")).toBe("woocommerce:");
    expect(reservedEventIdPrefix("shopware:order:x:paid")).toBe("shopware:");
    expect(reservedEventIdPrefix("evt_8f2c1")).toBeNull();
    expect(reservedEventIdPrefix("my-shopify:1")).toBeNull();
    expect(reservedEventIdPrefix("Shopify:order:1")).toBeNull(); // ids compare exactly, as shop_events' key does
  });
});
