CREATE TABLE "canned_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_answers_locale_known" CHECK ("canned_answers"."locale" in ('de','en')),
	CONSTRAINT "canned_answers_title_length" CHECK (char_length("canned_answers"."title") between 1 and 80),
	CONSTRAINT "canned_answers_body_length" CHECK (char_length("canned_answers"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "conversation_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"photo_key" text,
	"channel" text DEFAULT 'app' NOT NULL,
	"request_id" text,
	"provider_id" text,
	"assistant_log" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_messages_request_unique" UNIQUE("conversation_id","request_id"),
	CONSTRAINT "conversation_messages_author_known" CHECK ("conversation_messages"."author" in ('shopper','assistant','staff','system')),
	CONSTRAINT "conversation_messages_channel_known" CHECK ("conversation_messages"."channel" in ('app','whatsapp','sms','email')),
	CONSTRAINT "conversation_messages_body_length" CHECK (char_length("conversation_messages"."body") between 1 and 4000),
	CONSTRAINT "conversation_messages_note_by_staff" CHECK (not "conversation_messages"."internal" or "conversation_messages"."author" = 'staff')
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"channel" text DEFAULT 'app' NOT NULL,
	"order_number" text,
	"order_date" date,
	"handed_over_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"points_granted" integer,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_shopper_whatsapp_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_status_known" CHECK ("conversations"."status" in ('open','waiting','closed')),
	CONSTRAINT "conversations_channel_known" CHECK ("conversations"."channel" in ('app','whatsapp','sms','email')),
	CONSTRAINT "conversations_points_range" CHECK ("conversations"."points_granted" is null or "conversations"."points_granted" between 0 and 1000000)
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_channel_known";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "whatsapp_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "whatsapp_consent_text" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "whatsapp_content_sid" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "whatsapp_variables" jsonb;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignee_id_members_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_resolved_by_members_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_messages_thread_idx" ON "conversation_messages" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE INDEX "conversations_inbox_idx" ON "conversations" USING btree ("status","last_message_at");--> statement-breakpoint
CREATE INDEX "conversations_assignee_idx" ON "conversations" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "conversations_member_idx" ON "conversations" USING btree ("member_id","last_message_at");--> statement-breakpoint
CREATE INDEX "conversations_claim_idx" ON "conversations" USING btree ("member_id","order_number") WHERE "conversations"."order_number" is not null;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_whatsapp_sid" CHECK ("campaigns"."whatsapp_content_sid" is null or "campaigns"."whatsapp_content_sid" ~ '^HX[0-9a-fA-F]{32}$');--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_known" CHECK ("notifications"."channel" in ('push','email','sms','whatsapp'));--> statement-breakpoint
-- "Punkte fehlen?" requests become conversations of the same kind (a claim: order number and
-- date), keeping their ids: the shopper's message (or the order number they gave) and staff's reply.
INSERT INTO "conversations" ("id", "member_id", "status", "order_number", "order_date", "handed_over_at", "first_response_at", "resolved_at", "resolved_by", "points_granted", "last_message_at", "created_at")
SELECT "id", "member_id", CASE WHEN "status" = 'resolved' THEN 'closed' ELSE 'open' END, "order_number", "order_date", "created_at",
  CASE WHEN "reply" IS NOT NULL THEN "resolved_at" END, "resolved_at", "resolved_by", "points_granted", coalesce("resolved_at", "created_at"), "created_at"
FROM "support_requests";
--> statement-breakpoint
INSERT INTO "conversation_messages" ("conversation_id", "author", "body", "created_at")
SELECT "id", 'shopper', left(coalesce(nullif(btrim("message"), ''), "order_number"), 4000), "created_at" FROM "support_requests";
--> statement-breakpoint
INSERT INTO "conversation_messages" ("conversation_id", "author", "author_id", "body", "created_at")
SELECT "id", 'staff', "resolved_by", left("reply", 4000), coalesce("resolved_at", "created_at") FROM "support_requests" WHERE nullif(btrim("reply"), '') IS NOT NULL;
