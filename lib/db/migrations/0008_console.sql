CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"actor_email" text NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "earn_rule_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"program_id" text NOT NULL,
	"rule" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"order_number" text NOT NULL,
	"order_date" date NOT NULL,
	"message" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reply" text,
	"points_granted" integer,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_requests_member_order_unique" UNIQUE("member_id","order_number"),
	CONSTRAINT "support_requests_status_known" CHECK ("support_requests"."status" in ('open','resolved'))
);
--> statement-breakpoint
ALTER TABLE "members" DROP CONSTRAINT "members_role_known";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "rule_version" integer;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_floor_id" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_floor_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "rule_version" integer;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "branding" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "point_value_milli_cents" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "launched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "available_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "available_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tiers" ADD COLUMN "perks" jsonb;--> statement-breakpoint
ALTER TABLE "earn_rule_versions" ADD CONSTRAINT "earn_rule_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earn_rule_versions" ADD CONSTRAINT "earn_rule_versions_created_by_members_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_requests" ADD CONSTRAINT "support_requests_resolved_by_members_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "earn_rule_versions_effective_idx" ON "earn_rule_versions" USING btree ("program_id","effective_from");--> statement-breakpoint
CREATE INDEX "support_requests_queue_idx" ON "support_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "ledger_created_idx" ON "ledger_entries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "members_email_prefix_idx" ON "members" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_name_prefix_idx" ON "members" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_staff_idx" ON "members" USING btree ("role") WHERE "members"."role" <> 'member';--> statement-breakpoint
CREATE INDEX "orders_paid_at_idx" ON "orders" USING btree ("paid_at");--> statement-breakpoint
-- The one staff role before the console becomes the moderator it was in practice.
UPDATE "members" SET "role" = 'moderator' WHERE "role" = 'staff';--> statement-breakpoint
-- Programs that existed before the console were live already.
UPDATE "programs" SET "launched_at" = "created_at" WHERE "launched_at" IS NULL;--> statement-breakpoint
-- The earn rule so far becomes version 1, in force since the program began.
INSERT INTO "earn_rule_versions" ("version", "program_id", "rule", "effective_from")
SELECT 1, "id", "earn_rule", "created_at" FROM "programs" ORDER BY "id" LIMIT 1;--> statement-breakpoint
-- Audit rows are evidence: never edited, never removed.
CREATE FUNCTION treue_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON "audit_log"
FOR EACH ROW EXECUTE FUNCTION treue_audit_is_append_only();--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_role_known" CHECK ("members"."role" in ('member', 'owner', 'admin', 'support', 'moderator'));
