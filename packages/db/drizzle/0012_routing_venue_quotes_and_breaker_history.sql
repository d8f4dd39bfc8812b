CREATE TYPE "public"."breaker_state" AS ENUM('closed', 'open', 'half_open');--> statement-breakpoint
CREATE TABLE "venue_breaker_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" text NOT NULL,
	"from_state" "breaker_state" NOT NULL,
	"to_state" "breaker_state" NOT NULL,
	"observer" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "venue_breaker_transitions_changed" CHECK ("venue_breaker_transitions"."from_state" <> "venue_breaker_transitions"."to_state")
);
--> statement-breakpoint
CREATE TABLE "venue_quotes" (
	"symbol" text NOT NULL,
	"venue_id" text NOT NULL,
	"bid_price" numeric(18, 6) NOT NULL,
	"bid_size" numeric(20, 4) NOT NULL,
	"ask_price" numeric(18, 6) NOT NULL,
	"ask_size" numeric(20, 4) NOT NULL,
	"quoted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "venue_quotes_symbol_venue_id_pk" PRIMARY KEY("symbol","venue_id")
);
--> statement-breakpoint
CREATE INDEX "venue_breaker_transitions_venue_changed_idx" ON "venue_breaker_transitions" USING btree ("venue_id","changed_at" DESC NULLS LAST);