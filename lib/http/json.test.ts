import { describe, expect, it } from "vitest";
import { readJson } from "./json";

const post = (body: string) => new Request("http://treue.test/api", { method: "POST", body });

describe("readJson", () => {
  it("parses a body within the limit", async () => {
    expect(await readJson(post('{"id":"x"}'), 100)).toEqual({ ok: true, json: { id: "x" } });
  });
  it("names what is wrong: not JSON, or longer than allowed", async () => {
    expect(await readJson(post("{id:"), 100)).toEqual({ ok: false, problem: "not-json" });
    expect(await readJson(post(JSON.stringify({ pad: "x".repeat(200) })), 100)).toEqual({ ok: false, problem: "too-large" });
  });
});
