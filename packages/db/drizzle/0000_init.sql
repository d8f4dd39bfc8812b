CREATE TYPE "public"."var_method" AS ENUM('historical', 'parametric', 'monte_carlo', 'cornish_fisher');--> statement-breakpoint
CREATE TYPE "public"."api_key_role" AS ENUM('service');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('compliance', 'trader', 'ops', 'admin');--> statement-breakpoint
CREATE TYPE "public"."side" AS ENUM('buy', 'sell');--> statement-breakpoint
CREATE TYPE "public"."order_capacity" AS ENUM('agency', 'principal');--> statement-breakpoint
CREATE TYPE "public"."order_event_type" AS ENUM('order.created', 'order.modified', 'order.cancelled');--> statement-breakpoint
CREATE TYPE "public"."order_type" AS ENUM('limit', 'market');--> statement-breakpoint
CREATE TYPE "public"."time_in_force" AS ENUM('day', 'ioc', 'gtc', 'fok');--> statement-breakpoint
CREATE TYPE "public"."execution_quality" AS ENUM('excellent', 'good', 'neutral', 'poor');--> statement-breakpoint
CREATE TYPE "public"."execution_status" AS ENUM('filled', 'partially_filled', 'rejected', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."performance_period" AS ENUM('hour', 'day', 'month');--> statement-breakpoint
CREATE TYPE "public"."routing_strategy" AS ENUM('best_price', 'lowest_cost', 'fastest', 'liquidity_seeking', 'split', 'dark_first');--> statement-breakpoint
CREATE TYPE "public"."venue_type" AS ENUM('exchange', 'ats', 'dark_pool', 'market_maker', 'internal');--> statement-breakpoint
CREATE TYPE "public"."alert_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('open', 'under_review', 'escalated', 'closed_no_action', 'closed_reported');--> statement-breakpoint
CREATE TYPE "public"."alert_type" AS ENUM('spoofing', 'layering', 'wash_trading', 'momentum', 'front_running', 'quote_stuffing');--> statement-breakpoint
CREATE TYPE "public"."halt_scope" AS ENUM('user', 'symbol', 'user_symbol');--> statement-breakpoint
CREATE TYPE "public"."halt_status" AS ENUM('active', 'lifted');--> statement-breakpoint
CREATE TABLE "correlation_cache" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"symbol_set_hash" text NOT NULL,
	"symbols" text[] NOT NULL,
	"lookback_days" integer NOT NULL,
	"matrix" jsonb NOT NULL,
	"observation_count" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_data_cache" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"symbol" text NOT NULL,
	"data_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_metric_cache" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"method" "var_method" NOT NULL,
	"confidence_level" numeric(5, 4) NOT NULL,
	"horizon_days" integer NOT NULL,
	"lookback_days" integer NOT NULL,
	"portfolio_value" numeric(20, 4) NOT NULL,
	"value_at_risk" numeric(20, 4) NOT NULL,
	"expected_shortfall" numeric(20, 4) NOT NULL,
	"var_ratio" numeric(9, 6) NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"role" "api_key_role" DEFAULT 'service' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"event_type" "order_event_type" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" "side" NOT NULL,
	"order_type" "order_type" NOT NULL,
	"price" numeric(18, 6),
	"quantity" numeric(20, 4) NOT NULL,
	"capacity" "order_capacity" DEFAULT 'principal' NOT NULL,
	"venue_id" text,
	"time_in_force" time_in_force,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"venue_id" text NOT NULL,
	"symbol" text NOT NULL,
	"bid_price" numeric(18, 6) NOT NULL,
	"bid_size" numeric(20, 4) NOT NULL,
	"ask_price" numeric(18, 6) NOT NULL,
	"ask_size" numeric(20, 4) NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_events" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"trade_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"price" numeric(18, 6) NOT NULL,
	"quantity" numeric(20, 4) NOT NULL,
	"buy_order_id" uuid NOT NULL,
	"sell_order_id" uuid NOT NULL,
	"buy_user_id" uuid NOT NULL,
	"sell_user_id" uuid NOT NULL,
	"buy_account_id" text NOT NULL,
	"sell_account_id" text NOT NULL,
	"aggressor_side" "side" NOT NULL,
	"venue_id" text,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_bars" (
	"symbol" text NOT NULL,
	"date" date NOT NULL,
	"open" numeric(18, 6),
	"high" numeric(18, 6),
	"low" numeric(18, 6),
	"close" numeric(18, 6),
	"volume" numeric(20, 4),
	CONSTRAINT "market_bars_pkey" PRIMARY KEY("symbol","date"),
	CONSTRAINT "market_bars_high_not_below_low" CHECK ("market_bars"."high" is null or "market_bars"."low" is null or "market_bars"."high" >= "market_bars"."low")
);
--> statement-breakpoint
CREATE TABLE "securities" (
	"symbol" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sector" text,
	"sub_industry" text
);
--> statement-breakpoint
CREATE TABLE "portfolio_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"as_of_date" date NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	"market_value" numeric(20, 4) NOT NULL,
	"cash" numeric(20, 4) NOT NULL,
	"gross_exposure" numeric(20, 4) NOT NULL,
	"net_exposure" numeric(20, 4) NOT NULL,
	"realized_pnl" numeric(20, 4) NOT NULL,
	"unrealized_pnl" numeric(20, 4) NOT NULL,
	"position_count" integer NOT NULL,
	"holdings" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"quantity" numeric(20, 4) NOT NULL,
	"average_cost" numeric(18, 6) NOT NULL,
	"realized_pnl" numeric(20, 4) DEFAULT 0 NOT NULL,
	"last_trade_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "execution_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"venue_id" text NOT NULL,
	"status" "execution_status" NOT NULL,
	"requested_quantity" numeric(20, 4) NOT NULL,
	"executed_quantity" numeric(20, 4) NOT NULL,
	"executed_price" numeric(18, 6),
	"latency_ms" integer NOT NULL,
	"fee" numeric(20, 4) NOT NULL,
	"price_improvement" numeric(18, 6) DEFAULT 0 NOT NULL,
	"slippage_bps" numeric(9, 6),
	"execution_quality" "execution_quality" NOT NULL,
	"executed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "execution_logs_executed_within_requested" CHECK ("execution_logs"."executed_quantity" <= "execution_logs"."requested_quantity")
);
--> statement-breakpoint
CREATE TABLE "routing_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"side" "side" NOT NULL,
	"quantity" numeric(20, 4) NOT NULL,
	"limit_price" numeric(18, 6),
	"strategy" "routing_strategy" NOT NULL,
	"selected_venue_id" text NOT NULL,
	"expected_price" numeric(18, 6) NOT NULL,
	"expected_fill_rate" numeric(5, 4) NOT NULL,
	"expected_latency_ms" integer NOT NULL,
	"expected_cost" numeric(20, 4) NOT NULL,
	"reason" text NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"splits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"nbbo_bid_price" numeric(18, 6),
	"nbbo_bid_size" numeric(20, 4),
	"nbbo_ask_price" numeric(18, 6),
	"nbbo_ask_size" numeric(20, 4),
	"decided_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_decisions_quantity_positive" CHECK ("routing_decisions"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "venue_configurations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" text NOT NULL,
	"name" text NOT NULL,
	"venue_type" "venue_type" NOT NULL,
	"mic" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"maker_fee" numeric(12, 6) NOT NULL,
	"taker_fee" numeric(12, 6) NOT NULL,
	"min_order_size" numeric(20, 4),
	"max_order_size" numeric(20, 4),
	"expected_latency_ms" integer NOT NULL,
	"supported_symbols" text[] DEFAULT '{}'::text[] NOT NULL,
	"payment_for_order_flow" numeric(12, 6) DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venue_configurations_venue_id_unique" UNIQUE("venue_id")
);
--> statement-breakpoint
CREATE TABLE "venue_performance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" text NOT NULL,
	"period_type" "performance_period" NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"order_count" integer NOT NULL,
	"fill_rate" numeric(5, 4) NOT NULL,
	"latency_p50_ms" integer NOT NULL,
	"latency_p99_ms" integer NOT NULL,
	"avg_price_improvement" numeric(18, 6) NOT NULL,
	"price_improvement_rate" numeric(5, 4) NOT NULL,
	"executed_volume" numeric(20, 4) NOT NULL,
	"executed_notional" numeric(20, 4) NOT NULL,
	"total_fees" numeric(20, 4) NOT NULL,
	"reject_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "detector_configs" (
	"alert_type" "alert_type" PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scope_symbols" text[] DEFAULT '{}'::text[] NOT NULL,
	"severity_floor" "alert_severity" DEFAULT 'low' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "related_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_a" text NOT NULL,
	"account_b" text NOT NULL,
	"relationship" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "related_accounts_canonical_pair" CHECK ("related_accounts"."account_a" < "related_accounts"."account_b")
);
--> statement-breakpoint
CREATE TABLE "surveillance_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_type" "alert_type" NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"symbol" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"related_order_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"confidence_score" numeric(5, 4) NOT NULL,
	"recommended_action" text NOT NULL,
	"detector_version" integer,
	"assignee_id" uuid,
	"disposition_by" uuid,
	"disposition_at" timestamp with time zone,
	"disposition_notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveillance_alerts_confidence_range" CHECK ("surveillance_alerts"."confidence_score" between 0 and 1),
	CONSTRAINT "surveillance_alerts_closed_has_disposition" CHECK ("surveillance_alerts"."status" not in ('closed_no_action', 'closed_reported') or "surveillance_alerts"."disposition_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "trading_halts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" "halt_scope" NOT NULL,
	"user_id" uuid,
	"symbol" text,
	"status" "halt_status" DEFAULT 'active' NOT NULL,
	"reason" text NOT NULL,
	"alert_id" uuid,
	"halted_by" uuid,
	"halted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_by" uuid,
	"lifted_at" timestamp with time zone,
	"lift_reason" text,
	CONSTRAINT "trading_halts_scope_target" CHECK (("trading_halts"."scope" = 'user' and "trading_halts"."user_id" is not null and "trading_halts"."symbol" is null)
       or ("trading_halts"."scope" = 'symbol' and "trading_halts"."user_id" is null and "trading_halts"."symbol" is not null)
       or ("trading_halts"."scope" = 'user_symbol' and "trading_halts"."user_id" is not null and "trading_halts"."symbol" is not null)),
	CONSTRAINT "trading_halts_lifted_has_time" CHECK ("trading_halts"."status" = 'active' or "trading_halts"."lifted_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "trading_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"symbol" text NOT NULL,
	"order_count" integer DEFAULT 0 NOT NULL,
	"trade_count" integer DEFAULT 0 NOT NULL,
	"avg_order_size" numeric(20, 4) NOT NULL,
	"stddev_order_size" numeric(20, 4) NOT NULL,
	"max_order_size" numeric(20, 4) NOT NULL,
	"cancel_ratio" numeric(5, 4) NOT NULL,
	"fill_ratio" numeric(5, 4) NOT NULL,
	"avg_messages_per_second" numeric(9, 6) NOT NULL,
	"peak_messages_per_second" numeric(9, 6) NOT NULL,
	"avg_order_lifetime_ms" integer,
	"lookback_days" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_logs" ADD CONSTRAINT "execution_logs_decision_id_routing_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."routing_decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trading_halts" ADD CONSTRAINT "trading_halts_alert_id_surveillance_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."surveillance_alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "correlation_cache_set_lookback_key" ON "correlation_cache" USING btree ("symbol_set_hash","lookback_days");--> statement-breakpoint
CREATE INDEX "correlation_cache_expires_idx" ON "correlation_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "market_data_cache_symbol_type_key" ON "market_data_cache" USING btree ("symbol","data_type");--> statement-breakpoint
CREATE INDEX "market_data_cache_expires_idx" ON "market_data_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_metric_cache_key" ON "risk_metric_cache" USING btree ("user_id","method","confidence_level","horizon_days","lookback_days");--> statement-breakpoint
CREATE INDEX "risk_metric_cache_expires_idx" ON "risk_metric_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_log_occurred_at_idx" ON "audit_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "api_keys_active_idx" ON "api_keys" USING btree ("key_hash") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "order_events_symbol_occurred_idx" ON "order_events" USING btree ("symbol","occurred_at");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_events_user_occurred_idx" ON "order_events" USING btree ("user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "order_events_occurred_brin" ON "order_events" USING brin ("occurred_at");--> statement-breakpoint
CREATE INDEX "quote_events_symbol_occurred_idx" ON "quote_events" USING btree ("symbol","occurred_at");--> statement-breakpoint
CREATE INDEX "quote_events_occurred_brin" ON "quote_events" USING brin ("occurred_at");--> statement-breakpoint
CREATE INDEX "trade_events_symbol_occurred_idx" ON "trade_events" USING btree ("symbol","occurred_at");--> statement-breakpoint
CREATE INDEX "trade_events_trade_idx" ON "trade_events" USING btree ("trade_id");--> statement-breakpoint
CREATE INDEX "trade_events_buy_order_idx" ON "trade_events" USING btree ("buy_order_id");--> statement-breakpoint
CREATE INDEX "trade_events_sell_order_idx" ON "trade_events" USING btree ("sell_order_id");--> statement-breakpoint
CREATE INDEX "trade_events_buy_user_occurred_idx" ON "trade_events" USING btree ("buy_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "trade_events_sell_user_occurred_idx" ON "trade_events" USING btree ("sell_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "trade_events_occurred_idx" ON "trade_events" USING btree ("occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "market_bars_date_idx" ON "market_bars" USING btree ("date");--> statement-breakpoint
CREATE INDEX "securities_sector_idx" ON "securities" USING btree ("sector");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_snapshots_user_date_key" ON "portfolio_snapshots" USING btree ("user_id","as_of_date");--> statement-breakpoint
CREATE INDEX "portfolio_snapshots_taken_at_idx" ON "portfolio_snapshots" USING btree ("taken_at");--> statement-breakpoint
CREATE UNIQUE INDEX "positions_user_symbol_key" ON "positions" USING btree ("user_id","symbol");--> statement-breakpoint
CREATE INDEX "execution_logs_decision_idx" ON "execution_logs" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "execution_logs_venue_executed_idx" ON "execution_logs" USING btree ("venue_id","executed_at");--> statement-breakpoint
CREATE INDEX "execution_logs_order_idx" ON "execution_logs" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "routing_decisions_order_idx" ON "routing_decisions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "routing_decisions_symbol_decided_idx" ON "routing_decisions" USING btree ("symbol","decided_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "routing_decisions_user_decided_idx" ON "routing_decisions" USING btree ("user_id","decided_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "routing_decisions_venue_decided_idx" ON "routing_decisions" USING btree ("selected_venue_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_performance_venue_period_key" ON "venue_performance" USING btree ("venue_id","period_type","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "related_accounts_pair_key" ON "related_accounts" USING btree ("account_a","account_b");--> statement-breakpoint
CREATE INDEX "related_accounts_account_b_idx" ON "related_accounts" USING btree ("account_b");--> statement-breakpoint
CREATE INDEX "surveillance_alerts_status_detected_idx" ON "surveillance_alerts" USING btree ("status","detected_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "surveillance_alerts_symbol_detected_idx" ON "surveillance_alerts" USING btree ("symbol","detected_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "surveillance_alerts_user_detected_idx" ON "surveillance_alerts" USING btree ("user_id","detected_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "surveillance_alerts_assignee_status_idx" ON "surveillance_alerts" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "trading_halts_one_active_per_target" ON "trading_halts" USING btree ("scope",coalesce("user_id"::text, ''),coalesce("symbol", '')) WHERE "trading_halts"."status" = 'active';--> statement-breakpoint
CREATE INDEX "trading_halts_status_halted_idx" ON "trading_halts" USING btree ("status","halted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "trading_profiles_user_symbol_key" ON "trading_profiles" USING btree ("user_id","symbol");