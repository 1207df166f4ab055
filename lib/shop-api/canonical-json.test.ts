import { describe, expect, it } from "vitest";
import { bodyHash, canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("ignores key order and whitespace but not values", () => {
    const a = JSON.parse('{"id":"e1","data":{"b":1,"a":[1,{"y":2,"x":"ü"}]}}');
    const b = JSON.parse('{ "data": { "a": [1, {"x":"ü", "y":2}], "b": 1 }, "id": "e1" }');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(bodyHash(a)).toBe(bodyHash(b));
    expect(bodyHash(a)).not.toBe(bodyHash({ ...a, data: { ...a.data, b: 2 } }));
    expect(canonicalJson([3, 1])).not.toBe(canonicalJson([1, 3]));
  });
});
