ALTER TABLE "order_events" ALTER COLUMN "price" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "order_events" ALTER COLUMN "quantity" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "quote_events" ALTER COLUMN "bid_price" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "quote_events" ALTER COLUMN "bid_size" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "quote_events" ALTER COLUMN "ask_price" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "quote_events" ALTER COLUMN "ask_size" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "trade_events" ALTER COLUMN "price" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "trade_events" ALTER COLUMN "quantity" SET DATA TYPE numeric(30, 12);