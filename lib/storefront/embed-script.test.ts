import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { GET } from "../../app/embed.js/route";

describe("embed.js", () => {
  it("is the committed script as written, small, loadable by any page and cached five minutes", async () => {
    const response = GET();
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const script = await response.text();
    expect(script).toBe(readFileSync(path.join(import.meta.dirname, "embed-script.js"), "utf8"));
    expect(gzipSync(script).length).toBeLessThan(4_096);
  });
});
