ALTER TABLE "positions" ALTER COLUMN "quantity" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "positions" ALTER COLUMN "average_cost" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "positions" ALTER COLUMN "realized_pnl" SET DATA TYPE numeric(30, 12);--> statement-breakpoint
ALTER TABLE "positions" ALTER COLUMN "realized_pnl" SET DEFAULT 0;