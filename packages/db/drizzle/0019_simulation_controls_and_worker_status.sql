CREATE TABLE "simulation_controls" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"paused" boolean NOT NULL,
	"speed" double precision NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "simulation_controls_single_row" CHECK ("simulation_controls"."id" = 1),
	CONSTRAINT "simulation_controls_speed" CHECK ("simulation_controls"."speed" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "worker_status" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"ingest_events_per_second" double precision NOT NULL,
	"ingest_lag" bigint NOT NULL,
	"bus" text NOT NULL,
	"simulation" jsonb
);
