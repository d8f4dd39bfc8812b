CREATE TYPE "public"."order_handling" AS ENUM('held', 'not_held');--> statement-breakpoint
CREATE TABLE "venue_material_aspects" (
	"venue_id" text PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "handling" "order_handling" DEFAULT 'held' NOT NULL;