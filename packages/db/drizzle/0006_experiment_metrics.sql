ALTER TABLE "feature_states" ADD COLUMN "goal_metrics" jsonb;--> statement-breakpoint
ALTER TABLE "feature_states" ADD COLUMN "guardrail_metrics" jsonb;--> statement-breakpoint
ALTER TABLE "feature_states" ADD COLUMN "started_at" timestamp with time zone;