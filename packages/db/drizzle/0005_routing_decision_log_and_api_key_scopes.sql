CREATE TYPE "public"."routing_outcome" AS ENUM('routed', 'split', 'refused');--> statement-breakpoint
ALTER TYPE "public"."execution_status" ADD VALUE 'timeout';--> statement-breakpoint
ALTER TYPE "public"."execution_status" ADD VALUE 'error';--> statement-breakpoint
ALTER TYPE "public"."execution_status" ADD VALUE 'unfilled';--> statement-breakpoint
ALTER TYPE "public"."routing_strategy" ADD VALUE 'smart';--> statement-breakpoint
ALTER TYPE "public"."routing_strategy" ADD VALUE 'internalize';--> statement-breakpoint
ALTER TYPE "public"."routing_strategy" ADD VALUE 'external';--> statement-breakpoint
ALTER TABLE "routing_decisions" ALTER COLUMN "selected_venue_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ALTER COLUMN "expected_price" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ALTER COLUMN "expected_fill_rate" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ALTER COLUMN "expected_latency_ms" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ALTER COLUMN "expected_cost" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "outcome" "routing_outcome" DEFAULT 'routed' NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "halt_id" uuid;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "expected_quantity" numeric(20, 4);--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "excluded" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD COLUMN "attempts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "routing_decisions" ADD CONSTRAINT "routing_decisions_halt_id_trading_halts_id_fk" FOREIGN KEY ("halt_id") REFERENCES "public"."trading_halts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Existing API keys get no scopes: they keep what they could already do (procedures open to every key,
-- such as auth.me and overview.summary) and gain nothing new. Routing is granted per key by an admin
-- (least privilege), never inherited by keys issued before it existed.
-- routing_decisions and execution_logs are the best-execution record (FINRA Rule 5310, SEC Rule 17a-4):
-- the application may add and read rows, never rewrite them.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nexus_app') THEN
    EXECUTE format('REVOKE UPDATE, DELETE ON %I.routing_decisions FROM nexus_app', current_schema());
    EXECUTE format('REVOKE UPDATE, DELETE ON %I.execution_logs FROM nexus_app', current_schema());
  END IF;
END
$$;
