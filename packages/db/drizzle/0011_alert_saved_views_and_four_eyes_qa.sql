CREATE TYPE "public"."qa_outcome" AS ENUM('pending', 'passed', 'returned');--> statement-breakpoint
CREATE TABLE "alert_qa_policy" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"sample_rate" numeric(5, 4) NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_qa_policy_single_row" CHECK ("alert_qa_policy"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "alert_qa_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"closed_by" uuid,
	"closed_status" "alert_status" NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"outcome" "qa_outcome" DEFAULT 'pending' NOT NULL,
	"reviewer_id" uuid,
	"notes" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "alert_qa_reviews_decided_has_reviewer" CHECK ("alert_qa_reviews"."outcome" = 'pending' or ("alert_qa_reviews"."reviewer_id" is not null and "alert_qa_reviews"."reviewed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "alert_saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_qa_reviews" ADD CONSTRAINT "alert_qa_reviews_alert_id_surveillance_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."surveillance_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_qa_reviews_pending_idx" ON "alert_qa_reviews" USING btree ("sampled_at") WHERE "alert_qa_reviews"."outcome" = 'pending';--> statement-breakpoint
CREATE INDEX "alert_qa_reviews_alert_idx" ON "alert_qa_reviews" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_saved_views_owner_name_key" ON "alert_saved_views" USING btree ("owner_id","name");