-- The shop API's delivery log folds a repeated event id with the same outcome into one row with a
-- count (a replayed event or a stream of tests is one row, not thousands), so rows logged before
-- are folded first, keeping the latest; shop_events gets the index the deliveries list orders by.
ALTER TABLE "shop_api_deliveries" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
UPDATE "shop_api_deliveries" AS d SET "count" = g.n FROM (SELECT max("id") AS id, count(*)::integer AS n FROM "shop_api_deliveries" GROUP BY "event_id", "outcome") AS g WHERE d."id" = g.id;--> statement-breakpoint
DELETE FROM "shop_api_deliveries" AS a USING "shop_api_deliveries" AS b WHERE a."event_id" = b."event_id" AND a."outcome" = b."outcome" AND a."id" < b."id";--> statement-breakpoint
CREATE INDEX "shop_events_recent_idx" ON "shop_events" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "shop_api_deliveries_event_outcome_idx" ON "shop_api_deliveries" USING btree ("event_id","outcome");
