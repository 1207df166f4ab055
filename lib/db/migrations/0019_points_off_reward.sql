ALTER TABLE "rewards" DROP CONSTRAINT "rewards_kind_known";--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "step_value_cents" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "min_value_cents" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "max_value_cents" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_points_off_steps" CHECK ("rewards"."kind" <> 'points_off' or ("rewards"."step_value_cents" > 0 and "rewards"."min_value_cents" >= "rewards"."step_value_cents" and "rewards"."max_value_cents" >= "rewards"."min_value_cents" and "rewards"."min_value_cents" % "rewards"."step_value_cents" = 0 and "rewards"."max_value_cents" % "rewards"."step_value_cents" = 0));--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_kind_known" CHECK ("rewards"."kind" in ('amount_off','percent_off','free_shipping','free_product','sale_access','points_off'));