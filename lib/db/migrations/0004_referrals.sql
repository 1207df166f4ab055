CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referrer_id" uuid NOT NULL,
	"friend_id" uuid,
	"friend_email" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"claim_ip_hash" text,
	"claimed_at" timestamp with time zone NOT NULL,
	"joined_at" timestamp with time zone,
	"qualifying_order_id" uuid,
	"points" integer,
	"qualified_at" timestamp with time zone,
	"pending_until" timestamp with time zone,
	"rewarded_at" timestamp with time zone,
	CONSTRAINT "referrals_status_known" CHECK ("referrals"."status" in ('claimed','joined','pending','rewarded','cancelled','rejected'))
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "referral_code" text;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "referral_rule" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_members_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_friend_id_members_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_qualifying_order_id_orders_id_fk" FOREIGN KEY ("qualifying_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_friend_email_live" ON "referrals" USING btree ("friend_email") WHERE "referrals"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_id","status");--> statement-breakpoint
CREATE INDEX "referrals_friend_idx" ON "referrals" USING btree ("friend_id");--> statement-breakpoint
CREATE INDEX "referrals_due_idx" ON "referrals" USING btree ("status","pending_until");--> statement-breakpoint
CREATE INDEX "referrals_ip_idx" ON "referrals" USING btree ("claim_ip_hash","claimed_at");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_referral_code_unique" UNIQUE("referral_code");