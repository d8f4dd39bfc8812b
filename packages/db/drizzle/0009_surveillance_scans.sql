CREATE TYPE "public"."scan_status" AS ENUM('running', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "surveillance_scans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"symbols" text[] NOT NULL,
	"user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "scan_status" DEFAULT 'running' NOT NULL,
	"symbols_done" integer DEFAULT 0 NOT NULL,
	"events_scanned" integer DEFAULT 0 NOT NULL,
	"alerts_raised" integer DEFAULT 0 NOT NULL,
	"requested_by" text NOT NULL,
	"fanned_out_at" timestamp with time zone,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "surveillance_scans_period_order" CHECK ("surveillance_scans"."period_start" < "surveillance_scans"."period_end")
);
--> statement-breakpoint
CREATE INDEX "surveillance_scans_started_idx" ON "surveillance_scans" USING btree ("started_at" DESC NULLS LAST);