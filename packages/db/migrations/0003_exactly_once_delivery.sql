ALTER TABLE "monitor_incidents" ADD COLUMN "alert_posting_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monitor_incidents" ADD COLUMN "recovery_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "monitor_incidents" ADD COLUMN "alert_edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monitor_incidents" ADD COLUMN "recovery_notice_id" text;--> statement-breakpoint
ALTER TABLE "monitor_incidents" ADD COLUMN "recovery_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "remix_jobs" ADD COLUMN "correlation_id" text;--> statement-breakpoint
ALTER TABLE "remix_jobs" ADD COLUMN "delivering_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "remix_jobs" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "remix_jobs" ADD COLUMN "delivery" jsonb;--> statement-breakpoint
CREATE INDEX "monitor_incidents_recovery_pending_idx" ON "monitor_incidents" USING btree ("id") WHERE recovery_pending;--> statement-breakpoint
CREATE UNIQUE INDEX "remix_jobs_correlation_key" ON "remix_jobs" USING btree ("correlation_id");