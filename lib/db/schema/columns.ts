// Columns and types every part of the schema shares. (lib/db/schema/index.ts gathers every part.)
import { timestamp } from "drizzle-orm/pg-core";

/** When the row was made. */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Text shown to shoppers, one entry per supported language. */
export type LocalizedText = { de: string; en: string };

export type TierBenefits = { freeShipping?: boolean; exclusiveRewards?: boolean; earlyAccess?: boolean };
