ALTER TABLE "trading_profiles" ALTER COLUMN "avg_order_size" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "stddev_order_size" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "max_order_size" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "cancel_ratio" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "fill_ratio" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "avg_messages_per_second" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "peak_messages_per_second" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "lookback_days" SET DEFAULT 1;--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "window_start" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "trading_profiles" ALTER COLUMN "window_end" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "trading_profiles" ADD COLUMN "stale" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "trading_profiles_symbol_idx" ON "trading_profiles" USING btree ("symbol");