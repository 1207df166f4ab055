// Columns and types every part of the schema shares. (lib/db/schema/index.ts gathers every part.)
import { sql, type SQL } from "drizzle-orm";
import { timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

/** When the row was made. */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Text shown to shoppers, one entry per supported language. */
export type LocalizedText = { de: string; en: string };

export type TierBenefits = { freeShipping?: boolean; exclusiveRewards?: boolean; earlyAccess?: boolean };

type Range = { readonly min: number; readonly max: number };
// A CHECK takes no parameters: the bounds from lib/validations/limits.ts are written into its text.
const bound = (n: number) => sql.raw(String(n));

/** The column lies within the field's limits (lib/validations/limits.ts). */
export const within = (column: AnyPgColumn, range: Range): SQL => sql`${column} between ${bound(range.min)} and ${bound(range.max)}`;

/** Unset, or within the field's limits. */
export const unsetOrWithin = (column: AnyPgColumn, range: Range): SQL => sql`${column} is null or ${within(column, range)}`;

/** A text whose length in characters is within the field's limits. */
export const lengthWithin = (column: AnyPgColumn, range: Range): SQL => sql`char_length(${column}) between ${bound(range.min)} and ${bound(range.max)}`;

/** Unset, or a text whose length is within the field's limits. */
export const unsetOrLengthWithin = (column: AnyPgColumn, range: Range): SQL => sql`${column} is null or ${lengthWithin(column, range)}`;
