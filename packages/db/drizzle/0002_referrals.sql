CREATE TYPE "public"."referral_status" AS ENUM('signed_up', 'qualified', 'pending', 'approved', 'paid', 'held', 'rejected', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."reward_side" AS ENUM('referrer', 'friend');--> statement-breakpoint
CREATE TYPE "public"."reward_status" AS ENUM('pending', 'approved', 'paid', 'reversed');--> statement-breakpoint
CREATE TABLE "referral_clicks" (
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"anonymous_id" text NOT NULL,
	"channel" text,
	"fingerprint" text NOT NULL,
	"clicked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_clicks_tenant_id_code_anonymous_id_pk" PRIMARY KEY("tenant_id","code","anonymous_id")
);
--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_programs" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"referrer_reward" jsonb NOT NULL,
	"friend_reward" jsonb NOT NULL,
	"qualifying_event" text NOT NULL,
	"qualifying_condition" jsonb,
	"reversal_event" text DEFAULT 'refund_issued' NOT NULL,
	"hold_hours" integer DEFAULT 72 NOT NULL,
	"monthly_cap" integer DEFAULT 20 NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"landing_url" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"side" "reward_side" NOT NULL,
	"customer_id" uuid NOT NULL,
	"reward" jsonb NOT NULL,
	"status" "reward_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referrer_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"code" text NOT NULL,
	"channel" text,
	"status" "referral_status" DEFAULT 'signed_up' NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"clicked_at" timestamp with time zone,
	"qualified_at" timestamp with time zone,
	"approve_after" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_clicks" ADD CONSTRAINT "referral_clicks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_programs" ADD CONSTRAINT "referral_programs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_customers_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_friend_id_customers_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code" ON "referral_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_tenant_customer" ON "referral_codes" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_rewards_once" ON "referral_rewards" USING btree ("referral_id","side");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_tenant_friend" ON "referrals" USING btree ("tenant_id","friend_id");--> statement-breakpoint
CREATE INDEX "referrals_tenant_referrer" ON "referrals" USING btree ("tenant_id","referrer_id");