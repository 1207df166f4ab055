CREATE TABLE "email_suppressions" (
	"email" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_suppressions_reason_known" CHECK ("email_suppressions"."reason" in ('bounce','complaint','manual')),
	CONSTRAINT "email_suppressions_lower" CHECK ("email_suppressions"."email" = lower("email_suppressions"."email"))
);
--> statement-breakpoint
DROP INDEX "notifications_due_idx";--> statement-breakpoint
ALTER TABLE "dev_mails" ADD COLUMN "html" text;--> statement-breakpoint
ALTER TABLE "dev_mails" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "email_muted" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "marketing_mail_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "marketing_mail_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "channel" text DEFAULT 'push' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "clicked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "journeys" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_member_recent_idx" ON "notifications" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("channel","next_attempt_at") WHERE "notifications"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_known" CHECK ("notifications"."channel" in ('push','email'));--> statement-breakpoint
-- Offers by push only for members who switch them on (Profile), like offers by e-mail.
ALTER TABLE "members" ALTER COLUMN "push_muted" SET DEFAULT '{offers}'::text[];--> statement-breakpoint
UPDATE "members" SET "push_muted" = array_append("push_muted", 'offers') WHERE NOT ('offers' = ANY("push_muted"));
