import { describe, expect, it } from "vitest";
import { csvLine } from "./metrics-csv";

describe("CSV lines", () => {
  it("quotes what would break a cell, for comma and semicolon files alike", () => {
    expect(csvLine(["nps.score", 12, null], ",")).toBe("nps.score,12,\r\n");
    expect(csvLine(['Größe "L"; blau', 0.5], ";")).toBe('"Größe ""L""; blau";0.5\r\n');
    expect(csvLine(["a,b"], ";")).toBe('"a,b"\r\n');
  });
});
