import { describe, expect, it } from "vitest";
import { shopEventsUrl } from "./send-test-event";

describe("the events endpoint the console shows and tests", () => {
  it("sits under the public URL, keeping a path Treue is served under", () => {
    expect(shopEventsUrl("https://treue.example")).toBe("https://treue.example/api/v1/events");
    expect(shopEventsUrl("https://treue.example/")).toBe("https://treue.example/api/v1/events");
    expect(shopEventsUrl("https://shop.example/treue")).toBe("https://shop.example/treue/api/v1/events");
    expect(shopEventsUrl("https://shop.example/treue/")).toBe("https://shop.example/treue/api/v1/events");
    expect(shopEventsUrl("http://localhost:3000/a/b?x=1#top")).toBe("http://localhost:3000/a/b/api/v1/events");
  });
});
