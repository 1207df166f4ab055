// A named statement's text is kept from its first run; later runs collect only the values. They
// must be exactly the values, in exactly the order, drizzle itself would send, or a statement
// writes one order's points under another's id.
import { eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { statementOf } from "./prepared";
import { members } from "./schema/members";

const dialect = new PgDialect();
const at = new Date("2026-12-07T10:00:00.000Z");

/** A statement shaped like the order statements: nested fragments, columns, null, dates, JSON, a column's encoder, a list. */
const orderLike = (n: number, told: boolean) => {
  const inner = sql`select ${`member-${n}`}::uuid, ${n * 10}::int, ${at}::timestamptz where ${told} and ${eq(members.createdAt, at)}`;
  return sql`with placed as (${inner}), v as (select * from (values (${n}, ${null}::text, ${JSON.stringify({ n })}::jsonb)) x)
    select ${members.id}, ${sql.identifier("v")}.* from placed, v where ${told ? sql`${n} > 0` : sql`${-n} > 0`} and ${[n, n + 1]}::int[] is not null`;
};

describe("named statements", () => {
  it("send the values drizzle would send, in its order, on every later run", () => {
    for (const [n, told] of [[1, false], [2, true], [3, false], [7, true]] as const) {
      const expected = dialect.sqlToQuery(orderLike(n, told));
      expect(statementOf(dialect, "test_order_like", orderLike(n, told))).toEqual({ text: expected.sql, values: expected.params });
    }
  });

  it("refuse a statement whose text changes between runs", () => {
    const inlined = (n: number) => sql`select ${sql.raw(String(n))} as x, ${n} as y`;
    statementOf(dialect, "test_inlined", inlined(1));
    expect(() => statementOf(dialect, "test_inlined", inlined(2))).toThrow(/test_inlined changed its text/);
  });

  it("let drizzle build a statement whose number of values changes", () => {
    const list = (values: number[]) => sql`select ${sql.join(values.map((v) => sql`${v}`), sql`, `)}`;
    statementOf(dialect, "test_growing", list([1]));
    expect(statementOf(dialect, "test_growing", list([1, 2]))).toEqual({ text: "select $1, $2", values: [1, 2] });
  });
});
