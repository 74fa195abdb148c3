DROP TABLE "referral_milestone_rewards" CASCADE;--> statement-breakpoint
DROP TABLE "referral_rewards" CASCADE;--> statement-breakpoint
DROP TYPE "public"."reward_side";--> statement-breakpoint
DROP TYPE "public"."reward_status";