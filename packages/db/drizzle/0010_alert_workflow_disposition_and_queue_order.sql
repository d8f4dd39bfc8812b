DROP INDEX "surveillance_alerts_status_detected_idx";--> statement-breakpoint
ALTER TABLE "surveillance_alerts" ADD COLUMN "disposition_reason" text;--> statement-breakpoint
CREATE INDEX "surveillance_alerts_detected_id_idx" ON "surveillance_alerts" USING btree ("detected_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "surveillance_alerts_status_detected_idx" ON "surveillance_alerts" USING btree ("status","detected_at" DESC NULLS LAST,"id" DESC NULLS LAST);