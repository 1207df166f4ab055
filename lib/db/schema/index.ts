// One Postgres schema for both PGlite and a real server, in parts by domain. Changes go through
// `npm run db:generate`, which writes a new migration into lib/db/migrations.
export * from "./columns";
export * from "./members";
export * from "./program";
export * from "./coupons";
export * from "./tasks";
export * from "./orders";
export * from "./messaging";
export * from "./connectors";
export * from "./operations";
export * from "./wallet";
export * from "./conversations";
