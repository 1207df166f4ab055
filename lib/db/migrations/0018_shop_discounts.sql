CREATE TABLE "shop_discount_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"coupon_id" uuid,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"duration_ms" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connector_settings" ADD COLUMN "admin_url" text;--> statement-breakpoint
ALTER TABLE "connector_settings" ADD COLUMN "admin_credentials_ciphertext" text;--> statement-breakpoint
ALTER TABLE "connector_settings" ADD COLUMN "discounts_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_status" text;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_platform" text;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_discount_id" text;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_error" text;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "shop_updated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "shop_discount_calls_recent_idx" ON "shop_discount_calls" USING btree ("platform","at");--> statement-breakpoint
CREATE INDEX "coupons_shop_due_idx" ON "coupons" USING btree ("shop_next_attempt_at") WHERE "coupons"."shop_status" in ('pending','disabling');--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_shop_status_known" CHECK ("coupons"."shop_status" is null or "coupons"."shop_status" in ('pending','created','failed','disabling','disabled'));