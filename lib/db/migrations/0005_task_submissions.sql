CREATE TABLE "task_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"task_id" text NOT NULL,
	"kind" text NOT NULL,
	"client_id" text NOT NULL,
	"status" text NOT NULL,
	"product_sku" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"points" integer NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "submissions_member_client_unique" UNIQUE("member_id","client_id"),
	CONSTRAINT "submissions_status_known" CHECK ("task_submissions"."status" in ('in_review','approved','rejected','completed'))
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "description" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "config" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "task_submissions" ADD CONSTRAINT "task_submissions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_submissions" ADD CONSTRAINT "task_submissions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_submissions" ADD CONSTRAINT "task_submissions_decided_by_members_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_review_per_product" ON "task_submissions" USING btree ("member_id","product_sku") WHERE "task_submissions"."kind" = 'product_review' and "task_submissions"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "submissions_member_task_idx" ON "task_submissions" USING btree ("member_id","task_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_review_queue_idx" ON "task_submissions" USING btree ("status","created_at");