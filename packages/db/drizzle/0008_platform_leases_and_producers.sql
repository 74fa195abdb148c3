CREATE TYPE "public"."event_producer" AS ENUM('customer', 'anonymous', 'server', 'domain');--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "producer" "event_producer" DEFAULT 'customer' NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
-- Transitions the referral domain recorded before emit() existed.
UPDATE "events" SET "producer" = 'domain' WHERE "message_id" LIKE 'referral:%';
