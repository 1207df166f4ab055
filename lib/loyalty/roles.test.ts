import { describe, expect, it } from "vitest";
import { consoleActionCapability, consoleActionNames } from "../console/action-names";
import { canAssignRole, can, capabilitiesOf, effectiveRole, tillOnlyRole } from "./roles";

describe("console roles", () => {
  it("gives each role exactly its capabilities", () => {
    expect(capabilitiesOf("moderator")).toEqual(["moderate"]);
    expect(capabilitiesOf("support")).toEqual(["members.read", "members.adjust", "support"]);
    expect(capabilitiesOf("admin")).not.toContain("staff.manage");
    expect(capabilitiesOf("admin")).toContain("program.edit");
    expect(capabilitiesOf("owner")).toContain("staff.manage");
    expect(capabilitiesOf("member")).toEqual([]);
  });

  it("lets no shopper do anything in the console", () => {
    expect(can("member", "moderate")).toBe(false);
    expect(can(null, "members.read")).toBe(false);
    expect(can("moderator", "members.adjust")).toBe(false);
  });

  it("makes addresses named in TREUE_OWNER_EMAILS owners, case-insensitively", () => {
    expect(effectiveRole("member", "Chefin@Shop.de", ["chefin@shop.de"])).toBe("owner");
    expect(effectiveRole("support", "team@shop.de", ["chefin@shop.de"])).toBe("support");
  });

  it("lets only owners assign roles, never to demote themselves or a configured owner", () => {
    const owner = { id: "a", role: "owner" as const };
    expect(canAssignRole(owner, { id: "b", envOwner: false }, "admin")).toEqual({ ok: true });
    expect(canAssignRole(owner, { id: "a", envOwner: false }, "admin")).toEqual({ ok: false, reason: "self" });
    expect(canAssignRole(owner, { id: "b", envOwner: true }, "member")).toEqual({ ok: false, reason: "env-owner" });
    expect(canAssignRole({ id: "c", role: "admin" }, { id: "b", envOwner: false }, "support")).toEqual({ ok: false, reason: "not-owner" });
  });
});

describe("the store role", () => {
  it("holds the till and nothing else, and owners and admins hold the till too", () => {
    expect(capabilitiesOf("store")).toEqual(["till"]);
    expect(tillOnlyRole("store")).toBe(true);
    expect(can("owner", "till")).toBe(true);
    expect(can("admin", "till")).toBe(true);
    expect(can("support", "till")).toBe(false);
    expect(tillOnlyRole("owner")).toBe(false);
    expect(tillOnlyRole("member")).toBe(false);
  });

  it("reaches no console action but the till's", () => {
    for (const name of consoleActionNames) expect(can("store", consoleActionCapability[name]), name).toBe(name.startsWith("till."));
  });
});
