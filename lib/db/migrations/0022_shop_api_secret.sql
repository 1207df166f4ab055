-- The shop API's secret kept by the console (sealed, with the rotated-out one for its grace
-- period) and the deliveries to POST /api/v1/events that applied nothing new.
CREATE TABLE "shop_api_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"status" integer NOT NULL,
	"detail" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_api_secret" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_hint" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"previous_ciphertext" text,
	"previous_hint" text,
	"previous_valid_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "shop_api_secret" ADD CONSTRAINT "shop_api_secret_set_by_members_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shop_api_deliveries_recent_idx" ON "shop_api_deliveries" USING btree ("received_at");