import { describe, expect, it } from "vitest";
import { connect, DatabaseUnavailableError, redact } from "./connect";

describe("connect", () => {
  it("fails fast with a readable reason when DATABASE_URL points nowhere", async () => {
    const started = Date.now();
    const attempt = connect({ kind: "postgres", url: "postgres://treue:secret@127.0.0.1:1/treue" });
    await expect(attempt).rejects.toThrow(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow("cannot connect to DATABASE_URL (postgres://treue:***@127.0.0.1:1/treue): ECONNREFUSED");
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it("never prints the password", () => {
    expect(redact("postgres://u:hunter2@db:5432/x")).not.toContain("hunter2");
  });
});
