ALTER TABLE "notifications" DROP CONSTRAINT "notifications_channel_known";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "sms_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_known" CHECK ("notifications"."channel" in ('push','email','sms'));