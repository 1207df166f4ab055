import { describe, expect, it } from "vitest";
import { adminBaseUrl } from "./admin-url";

describe("a shop's admin base URL", () => {
  it("is https, or plain http to this machine only", () => {
    expect(adminBaseUrl("https://gipfel.myshopify.com/")?.toString()).toBe("https://gipfel.myshopify.com/");
    expect(adminBaseUrl("https://shop.example/wp")?.pathname).toBe("/wp");
    expect(adminBaseUrl("http://127.0.0.1:4010")?.host).toBe("127.0.0.1:4010");
    expect(adminBaseUrl("http://localhost:4010")).not.toBeNull();
    expect(adminBaseUrl("http://[::1]:4010")).not.toBeNull();
    for (const refused of ["http://shop.example", "http://10.0.0.2", "ftp://shop.example", "https://user:pw@shop.example", "https://shop.example/?x=1", "nonsense"]) {
      expect(adminBaseUrl(refused), refused).toBeNull();
    }
  });
});
