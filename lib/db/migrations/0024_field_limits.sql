-- The console's field limits (lib/validations/limits.ts) become CHECKs on the columns they govern.
-- The forms always kept to these limits, so rows the app wrote pass; a row written past them by hand
-- is repaired first, each to the nearest value the limit allows: numbers are clamped to the range
-- (a points_off reward's amounts also to whole steps), text too long is cut, text too short is
-- padded with dots, an empty optional text becomes unset; unset numbers and texts stay unset.
-- The ledger is never rewritten: its check is added NOT VALID (new rows are checked) and
-- validated only when no earlier row breaks it.
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_cost_positive";--> statement-breakpoint
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_stock_non_negative";--> statement-breakpoint
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_validity_positive";--> statement-breakpoint
ALTER TABLE "tiers" DROP CONSTRAINT "tiers_threshold_non_negative";--> statement-breakpoint
ALTER TABLE "tiers" DROP CONSTRAINT "tiers_multiplier_positive";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_points_non_negative";--> statement-breakpoint
UPDATE "programs" SET "name" = left(btrim("name"), 80) WHERE char_length("name") > 80;--> statement-breakpoint
UPDATE "programs" SET "name" = 'Treue' WHERE char_length("name") = 0;--> statement-breakpoint
UPDATE "programs" SET "point_value_milli_cents" = least(greatest("point_value_milli_cents", 1), 100000) WHERE "point_value_milli_cents" NOT BETWEEN 1 AND 100000;--> statement-breakpoint
UPDATE "rewards" SET "points_cost" = least(greatest("points_cost", 1), 1000000) WHERE "points_cost" NOT BETWEEN 1 AND 1000000;--> statement-breakpoint
UPDATE "rewards" SET "value_cents" = least(greatest("value_cents", 1), 1000000) WHERE "value_cents" NOT BETWEEN 1 AND 1000000;--> statement-breakpoint
UPDATE "rewards" SET "min_order_cents" = least(greatest("min_order_cents", 0), 10000000) WHERE "min_order_cents" NOT BETWEEN 0 AND 10000000;--> statement-breakpoint
UPDATE "rewards" SET "coupon_valid_days" = least(greatest("coupon_valid_days", 1), 730) WHERE "coupon_valid_days" NOT BETWEEN 1 AND 730;--> statement-breakpoint
UPDATE "rewards" SET "stock" = least(greatest("stock", 0), 10000000) WHERE "stock" NOT BETWEEN 0 AND 10000000;--> statement-breakpoint
UPDATE "rewards" SET "per_member_limit" = least(greatest("per_member_limit", 1), 1000) WHERE "per_member_limit" NOT BETWEEN 1 AND 1000;--> statement-breakpoint
UPDATE "rewards" SET "position" = least(greatest("position", 0), 1000) WHERE "position" NOT BETWEEN 0 AND 1000;--> statement-breakpoint
UPDATE "rewards" SET "step_value_cents" = least(greatest("step_value_cents", 1), 1000000) WHERE "step_value_cents" NOT BETWEEN 1 AND 1000000;--> statement-breakpoint
UPDATE "rewards" SET "min_value_cents" = least(greatest("min_value_cents", 1), 100000000) WHERE "min_value_cents" NOT BETWEEN 1 AND 100000000 AND "kind" <> 'points_off';--> statement-breakpoint
UPDATE "rewards" SET "max_value_cents" = least(greatest("max_value_cents", 1), 100000000) WHERE "max_value_cents" NOT BETWEEN 1 AND 100000000 AND "kind" <> 'points_off';--> statement-breakpoint
UPDATE "rewards" SET "sku" = nullif(left("sku", 128), '') WHERE char_length("sku") NOT BETWEEN 1 AND 128;--> statement-breakpoint
UPDATE "rewards" SET "category" = nullif(left("category", 100), '') WHERE char_length("category") NOT BETWEEN 1 AND 100;--> statement-breakpoint
-- A points_off reward keeps whole steps: its least amount rounds down to a step (at least one), its most down to a step (at least the least).
UPDATE "rewards" SET "min_value_cents" = greatest("step_value_cents", least("min_value_cents", 100000000) - least("min_value_cents", 100000000) % "step_value_cents")
  WHERE "kind" = 'points_off' AND ("min_value_cents" > 100000000 OR "min_value_cents" % "step_value_cents" <> 0 OR "min_value_cents" < "step_value_cents");--> statement-breakpoint
UPDATE "rewards" SET "max_value_cents" = greatest("min_value_cents", least("max_value_cents", 100000000) - least("max_value_cents", 100000000) % "step_value_cents")
  WHERE "kind" = 'points_off' AND ("max_value_cents" > 100000000 OR "max_value_cents" % "step_value_cents" <> 0 OR "max_value_cents" < "min_value_cents");--> statement-breakpoint
UPDATE "tiers" SET "threshold_cents" = least(greatest("threshold_cents", 0), 100000000) WHERE "threshold_cents" NOT BETWEEN 0 AND 100000000;--> statement-breakpoint
UPDATE "tiers" SET "multiplier_percent" = least(greatest("multiplier_percent", 100), 1000) WHERE "multiplier_percent" NOT BETWEEN 100 AND 1000;--> statement-breakpoint
UPDATE "tasks" SET "points" = least(greatest("points", 0), 100000) WHERE "points" NOT BETWEEN 0 AND 100000;--> statement-breakpoint
UPDATE "tasks" SET "position" = least(greatest("position", 0), 1000) WHERE "position" NOT BETWEEN 0 AND 1000;--> statement-breakpoint
UPDATE "task_submissions" SET "reason" = rpad(left("reason", 300), 3, '.') WHERE char_length("reason") NOT BETWEEN 3 AND 300;--> statement-breakpoint
-- points_granted is what the answer said; the ledger row it booked stays as it was.
UPDATE "support_requests" SET "points_granted" = least(greatest("points_granted", 0), 1000000) WHERE "points_granted" NOT BETWEEN 0 AND 1000000;--> statement-breakpoint
UPDATE "support_requests" SET "reply" = rpad(left("reply", 1000), 3, '.') WHERE char_length("reply") NOT BETWEEN 3 AND 1000;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_name_length" CHECK (char_length("programs"."name") between 1 and 80);--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_point_value_range" CHECK ("programs"."point_value_milli_cents" between 1 and 100000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_cost_range" CHECK ("rewards"."points_cost" between 1 and 1000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_value_range" CHECK ("rewards"."value_cents" is null or "rewards"."value_cents" between 1 and 1000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_min_order_range" CHECK ("rewards"."min_order_cents" is null or "rewards"."min_order_cents" between 0 and 10000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_validity_range" CHECK ("rewards"."coupon_valid_days" between 1 and 730);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_stock_range" CHECK ("rewards"."stock" is null or "rewards"."stock" between 0 and 10000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_per_member_range" CHECK ("rewards"."per_member_limit" is null or "rewards"."per_member_limit" between 1 and 1000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_position_range" CHECK ("rewards"."position" between 0 and 1000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_step_value_range" CHECK ("rewards"."step_value_cents" is null or "rewards"."step_value_cents" between 1 and 1000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_min_value_range" CHECK ("rewards"."min_value_cents" is null or "rewards"."min_value_cents" between 1 and 100000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_max_value_range" CHECK ("rewards"."max_value_cents" is null or "rewards"."max_value_cents" between 1 and 100000000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_sku_length" CHECK ("rewards"."sku" is null or char_length("rewards"."sku") between 1 and 128);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_category_length" CHECK ("rewards"."category" is null or char_length("rewards"."category") between 1 and 100);--> statement-breakpoint
ALTER TABLE "tiers" ADD CONSTRAINT "tiers_threshold_range" CHECK ("tiers"."threshold_cents" between 0 and 100000000);--> statement-breakpoint
ALTER TABLE "tiers" ADD CONSTRAINT "tiers_multiplier_range" CHECK ("tiers"."multiplier_percent" between 100 and 1000);--> statement-breakpoint
ALTER TABLE "task_submissions" ADD CONSTRAINT "submissions_reason_length" CHECK ("task_submissions"."reason" is null or char_length("task_submissions"."reason") between 3 and 300);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_points_range" CHECK ("tasks"."points" between 0 and 100000);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_position_range" CHECK ("tasks"."position" between 0 and 1000);--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_adjust_range" CHECK ("ledger_entries"."kind" <> 'adjust' or "ledger_entries"."delta" between -1000000 and 1000000) NOT VALID;--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM "ledger_entries" WHERE "kind" = 'adjust' AND "delta" NOT BETWEEN -1000000 AND 1000000) THEN
    ALTER TABLE "ledger_entries" VALIDATE CONSTRAINT "ledger_adjust_range";
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_points_range" CHECK ("support_requests"."points_granted" is null or "support_requests"."points_granted" between 0 and 1000000);--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_reply_length" CHECK ("support_requests"."reply" is null or char_length("support_requests"."reply") between 3 and 1000);
