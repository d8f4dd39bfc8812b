CREATE TYPE "public"."desk_role" AS ENUM('agency', 'principal');--> statement-breakpoint
CREATE TABLE "beneficial_owners" (
	"account_id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_members" (
	"desk_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "desk_role" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_members_pkey" PRIMARY KEY("desk_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "market_makers" (
	"user_id" text PRIMARY KEY NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "market_makers_user_not_blank" CHECK (length(trim("market_makers"."user_id")) > 0)
);
--> statement-breakpoint
ALTER TABLE "surveillance_alerts" ADD COLUMN "first_event_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "surveillance_alerts" ADD COLUMN "last_event_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "surveillance_alerts" ADD COLUMN "update_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "surveillance_alerts" ADD COLUMN "scan_id" uuid;--> statement-breakpoint
ALTER TABLE "trading_halts" ADD COLUMN "risk_notified_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "beneficial_owners_owner_idx" ON "beneficial_owners" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "desk_members_user_idx" ON "desk_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "surveillance_alerts_scan_idx" ON "surveillance_alerts" USING btree ("scan_id") WHERE "surveillance_alerts"."scan_id" is not null;--> statement-breakpoint
CREATE INDEX "trading_halts_risk_pending_idx" ON "trading_halts" USING btree ("halted_at") WHERE "trading_halts"."risk_notified_at" is null;