import { describe, expect, it } from "vitest";
import { emailSchema, memberNameSchema } from "./auth";

describe("emailSchema", () => {
  it("normalises case and surrounding spaces", () => {
    expect(emailSchema.parse("  Anna.Berg@Example.DE ")).toBe("anna.berg@example.de");
  });

  it.each(["", "anna", "anna@", "@example.de", "anna@@example.de", "anna example@x.de", `${"a".repeat(250)}@x.de`])(
    "rejects %j",
    (input) => {
      expect(emailSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe("memberNameSchema", () => {
  it("accepts a trimmed name and refuses empty or overlong ones", () => {
    expect(memberNameSchema.parse("  Anna Berg ")).toBe("Anna Berg");
    expect(memberNameSchema.safeParse("   ").success).toBe(false);
    expect(memberNameSchema.safeParse("x".repeat(81)).success).toBe(false);
  });
});
