CREATE TABLE "coupon_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reward_id" text NOT NULL,
	"code" text NOT NULL,
	"coupon_id" uuid,
	CONSTRAINT "coupon_codes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"reward_id" text NOT NULL,
	"code" text NOT NULL,
	"request_id" text NOT NULL,
	"points_cost" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_order_id" text,
	CONSTRAINT "coupons_code_unique" UNIQUE("code"),
	CONSTRAINT "coupons_member_request_unique" UNIQUE("member_id","request_id")
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_id" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_kept_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_celebrated_id" text;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "tier_rule" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "value_cents" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "percent_off" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "sku" text;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "min_order_cents" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "image" text;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "coupon_valid_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "stock" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "per_member_limit" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "min_tier_id" text;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "uses_code_pool" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tiers" ADD COLUMN "benefits" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "coupon_codes" ADD CONSTRAINT "coupon_codes_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_codes" ADD CONSTRAINT "coupon_codes_coupon_id_coupons_id_fk" FOREIGN KEY ("coupon_id") REFERENCES "public"."coupons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coupon_codes_free_idx" ON "coupon_codes" USING btree ("reward_id","id");--> statement-breakpoint
CREATE INDEX "coupons_member_idx" ON "coupons" USING btree ("member_id","issued_at");--> statement-breakpoint
CREATE INDEX "coupons_reward_member_idx" ON "coupons" USING btree ("reward_id","member_id");--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_min_tier_id_tiers_id_fk" FOREIGN KEY ("min_tier_id") REFERENCES "public"."tiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "rewards" SET "kind" = 'sale_access' WHERE "kind" = 'early_access';--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_kind_known" CHECK ("rewards"."kind" in ('amount_off','percent_off','free_shipping','free_product','sale_access'));--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_stock_non_negative" CHECK ("rewards"."stock" is null or "rewards"."stock" >= 0);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_percent_range" CHECK ("rewards"."percent_off" is null or "rewards"."percent_off" between 1 and 100);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_validity_positive" CHECK ("rewards"."coupon_valid_days" > 0);