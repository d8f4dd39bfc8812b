CREATE TYPE "public"."market_bar_flag_status" AS ENUM('suspected', 'confirmed');--> statement-breakpoint
CREATE TABLE "market_bar_flags" (
	"symbol" text NOT NULL,
	"date" date NOT NULL,
	"previous_date" date NOT NULL,
	"previous_close" numeric(18, 6) NOT NULL,
	"close" numeric(18, 6) NOT NULL,
	"daily_return" numeric(14, 6) NOT NULL,
	"status" "market_bar_flag_status" DEFAULT 'suspected' NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "market_bar_flags_pkey" PRIMARY KEY("symbol","date")
);
--> statement-breakpoint
CREATE TABLE "applied_trades" (
	"trade_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"side" "side" NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applied_trades_pkey" PRIMARY KEY("trade_id","user_id","side")
);
--> statement-breakpoint
CREATE INDEX "market_bar_flags_status_idx" ON "market_bar_flags" USING btree ("status");