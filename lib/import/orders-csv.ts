import "server-only";
// A CSV of past orders → checked, priced rows → one import transaction (lib/db/queries/order-import.ts).
// The file is read as a stream; any malformed row is reported by line and nothing is written.
import { parse } from "csv-parse";
import type { Connection } from "../db/connect";
import type { AuditActor } from "../db/queries/audit";
import { importOrders, type ImportOutcome } from "../db/queries/order-import";
import { earnRuleAt, getProgramConfig, programCurrency } from "../db/queries/program";
import { settleTiersOf } from "../server/tiers";
import { missingColumns, parseImportRow, priceRows, type ImportRow, type RowError } from "../loyalty/order-import";

export type ImportMode = "points" | "tiers-only";
export type ImportReport = ImportOutcome & {
  /** Members whose tier the import changed. */
  tiersSet: number;
  errors: RowError[];
  errorCount: number;
};

const MAX_ERRORS_LISTED = 100;

/** Reads every record; errors carry the file's line number (header = line 1). */
export async function readOrdersCsv(input: AsyncIterable<Buffer | string>, currency: string): Promise<{ rows: ImportRow[]; errors: RowError[]; errorCount: number }> {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  let errorCount = 0;
  const fail = (error: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS_LISTED) errors.push(error);
  };
  const seen = new Set<string>();
  // German Excel writes ";", everything else ","; the header line says which, so "12,50" in a
  // semicolon file stays one (malformed) amount instead of two columns.
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  const head = first.done ? "" : String(first.value).split("\n", 1)[0]!;
  const delimiter = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ";" : ",";
  const parser = parse({ bom: true, delimiter, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, info: true });
  const feeding = (async () => {
    try {
      if (!first.done) parser.write(first.value);
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) if (!parser.write(next.value)) await new Promise((resolve) => parser.once("drain", resolve));
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let headerChecked = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!headerChecked) {
        headerChecked = true;
        const missing = missingColumns(Object.keys(record));
        if (missing.length > 0) {
          fail({ line: 1, message: `the header lacks ${missing.join(", ")} (columns: order_id, date, customer_id, email, subtotal, currency, category)`, problem: "header", values: { missing: missing.join(", ") } });
          break;
        }
      }
      const row = parseImportRow(record, info.lines, currency);
      if ("message" in row) fail(row);
      else if (seen.has(row.orderId)) fail({ line: row.line, message: `order_id ${row.orderId} appears twice in the file`, problem: "duplicate", values: { orderId: row.orderId } });
      else {
        seen.add(row.orderId);
        rows.push(row);
      }
    }
  } catch (error) {
    fail({ line: (error as { lines?: number }).lines ?? 0, message: `the file is not readable CSV: ${(error as Error).message}`, problem: "unreadable" });
  }
  await feeding.catch(() => {});
  if (!headerChecked && errorCount === 0) fail({ line: 1, message: "the file has no orders", problem: "empty" });
  return { rows, errors, errorCount };
}

/** Checks, prices and imports (or, with `dryRun`, reports what an import would do). */
export async function importOrdersCsv(connection: Connection, input: AsyncIterable<Buffer | string>, options: { mode: ImportMode; dryRun: boolean; actor: AuditActor }): Promise<ImportReport> {
  const currency = await programCurrency(connection.db);
  const { rows, errors, errorCount } = await readOrdersCsv(input, currency);
  if (errorCount > 0) return { rows: rows.length + errorCount, knownOrders: 0, newOrders: 0, newMembers: 0, points: 0, applied: false, memberIds: [], tiersSet: 0, errors, errorCount };
  const config = await getProgramConfig(connection.db);
  const priced = priceRows(rows, { mode: options.mode, ruleAt: (at) => earnRuleAt(config, at), tierRule: config.tierRule, tiers: config.tiers });
  const outcome = await importOrders(connection, priced, { currency, actor: options.actor, dryRun: options.dryRun });
  // The history makes tiers too: a customer whose imported orders reach Gold is Gold, for campaigns,
  // tier journeys and the member list. After the import's commit, in batches (a rerun settles the rest).
  const tiersSet = outcome.applied ? await settleTiersOf(connection.db, outcome.memberIds) : 0;
  return { ...outcome, tiersSet, errors: [], errorCount: 0 };
}
