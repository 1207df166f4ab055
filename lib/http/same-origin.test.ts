import { describe, expect, it } from "vitest";
import { crossSiteWriteRefusal, ownOrigins } from "./same-origin";

const own = ["https://treue.example-shop.de"];
const write = (path: string, origin: string | null, secFetchSite: string | null = null, method = "POST") =>
  crossSiteWriteRefusal({ method, path, origin, secFetchSite, ownOrigins: own });

describe("crossSiteWriteRefusal", () => {
  it("refuses a console change sent from another site's page", () => {
    expect(write("/api/console/members.adjust", "https://evil.example")).toBe("foreign-origin");
    expect(write("/api/console/members.adjust", "null")).toBe("foreign-origin");
    // A sibling subdomain shares the cookies' site but is not this app.
    expect(write("/api/console/members.adjust", "https://blog.example-shop.de")).toBe("foreign-origin");
    expect(write("/api/console/members.adjust", null, "cross-site")).toBe("cross-site");
    expect(write("/api/console/members.adjust", null, "same-site")).toBe("cross-site");
  });
  it("refuses a sign-in form posted from elsewhere (it would plant a referral)", () => {
    expect(write("/api/auth/signin/email", "https://evil.example")).toBe("foreign-origin");
  });
  it("lets the app's own pages write, and every read through", () => {
    expect(write("/api/console/members.adjust", "https://treue.example-shop.de")).toBeNull();
    expect(write("/api/tasks/submissions", null, "same-origin")).toBeNull();
    expect(write("/api/console/members", "https://evil.example", "cross-site", "GET")).toBeNull();
  });
  it("leaves endpoints that prove themselves without cookies to their own checks", () => {
    expect(write("/api/v1/events", "https://evil.example")).toBeNull();
    expect(write("/api/connectors/shopify", "https://evil.example")).toBeNull();
    expect(write("/api/mail/unsubscribe/abc", "https://mail.example")).toBeNull();
    // A Shopware shop's page posts the token Shopware made for the app, to be answered with the identity.
    expect(write("/api/storefront/shopware/identity", "https://shop.example")).toBeNull();
    // A server without either header carries nobody's cookies by accident.
    expect(write("/api/console/members.adjust", null, null)).toBeNull();
  });
});

describe("ownOrigins", () => {
  it("knows the public URL, the address the request was sent to, and a proxy's forwarded host", () => {
    const headers = new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" });
    expect(ownOrigins("http://10.0.0.5:3000/api/x", headers, "https://treue.example-shop.de/")).toEqual(["https://treue.example-shop.de", "http://10.0.0.5:3000", "https://shop.example"]);
    expect(ownOrigins("http://localhost:3000/api/x", new Headers(), undefined)).toEqual(["http://localhost:3000"]);
  });
});
