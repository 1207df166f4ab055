CREATE TABLE "wallet_devices" (
	"device_library_id" text NOT NULL,
	"serial" text NOT NULL,
	"push_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_devices_device_library_id_serial_pk" PRIMARY KEY("device_library_id","serial")
);
--> statement-breakpoint
CREATE TABLE "wallet_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"serial" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pushed_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"gone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_passes_serial_unique" UNIQUE("serial"),
	CONSTRAINT "wallet_passes_member_platform" UNIQUE("member_id","platform"),
	CONSTRAINT "wallet_passes_platform_known" CHECK ("wallet_passes"."platform" in ('apple', 'google'))
);
--> statement-breakpoint
ALTER TABLE "members" DROP CONSTRAINT "members_role_known";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "member_number" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "channel" text GENERATED ALWAYS AS (case when shop_order_id like 'store:%' then 'store' else 'online' end) STORED;--> statement-breakpoint
ALTER TABLE "wallet_devices" ADD CONSTRAINT "wallet_devices_serial_wallet_passes_serial_fk" FOREIGN KEY ("serial") REFERENCES "public"."wallet_passes"("serial") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_passes" ADD CONSTRAINT "wallet_passes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wallet_devices_serial_idx" ON "wallet_devices" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "wallet_passes_due_idx" ON "wallet_passes" USING btree ("changed_at") WHERE "wallet_passes"."pushed_at" is null or "wallet_passes"."changed_at" > "wallet_passes"."pushed_at";--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_member_number_unique" UNIQUE("member_number");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_number_format" CHECK ("members"."member_number" is null or "members"."member_number" ~ '^[0-9]{10}$');--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_role_known" CHECK ("members"."role" in ('member', 'owner', 'admin', 'support', 'moderator', 'store'));--> statement-breakpoint
-- A wallet card shows the balance, the tier, the name and the coupons. Whatever writes one of them
-- (an order, a task, staff, a refund, expiry, a redemption, the till) marks the member's cards as
-- changed here, so no writer needs to know about wallets; the wallet job pushes each marked card
-- once. A member without a card costs one index probe that finds nothing. The stamp is the clock's,
-- never below the last one plus a microsecond: now() is the transaction's start, and a transaction
-- that started before a push but committed after it would otherwise stamp a change older than the
-- version that push settled, and the change would never be pushed.
CREATE FUNCTION treue_wallet_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE wallet_passes SET changed_at = greatest(clock_timestamp(), changed_at + interval '1 microsecond') WHERE member_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_wallet_changed AFTER UPDATE OF points_balance, tier_id, name ON members
  FOR EACH ROW WHEN (OLD.points_balance IS DISTINCT FROM NEW.points_balance OR OLD.tier_id IS DISTINCT FROM NEW.tier_id OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION treue_wallet_member_changed();
--> statement-breakpoint
CREATE FUNCTION treue_wallet_coupon_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE wallet_passes SET changed_at = greatest(clock_timestamp(), changed_at + interval '1 microsecond') WHERE member_id = COALESCE(NEW.member_id, OLD.member_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER coupons_wallet_changed AFTER INSERT OR DELETE OR UPDATE OF used_at, expires_at, shop_status ON coupons
  FOR EACH ROW EXECUTE FUNCTION treue_wallet_coupon_changed();
