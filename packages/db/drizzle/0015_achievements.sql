CREATE TYPE "public"."badge_status" AS ENUM('active', 'retired');--> statement-breakpoint
CREATE TYPE "public"."catalogue_item_status" AS ENUM('active', 'retired');--> statement-breakpoint
CREATE TYPE "public"."redemption_status" AS ENUM('pending', 'fulfilled', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "achievement_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"streak_event" text DEFAULT '$page' NOT NULL,
	"streak_cadence" text DEFAULT 'daily' NOT NULL,
	"level_curve" integer[] DEFAULT '{0,100,300,600,1000,1500,2500,4000}'::int[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badge_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"badge_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"tier" text NOT NULL,
	"status_index" integer NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "badge_contributions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "badge_contributions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"badge_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	"trusted" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"texts" jsonb NOT NULL,
	"design" jsonb NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"rule" jsonb NOT NULL,
	"tiers" jsonb NOT NULL,
	"status" "badge_status" DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"texts" jsonb NOT NULL,
	"price" integer NOT NULL,
	"fulfilment" jsonb NOT NULL,
	"stock" integer,
	"per_customer_limit" integer,
	"min_level" integer DEFAULT 0 NOT NULL,
	"status" "catalogue_item_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalogue_items_stock" CHECK ("catalogue_items"."stock" is null or "catalogue_items"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"price" integer NOT NULL,
	"status" "redemption_status" DEFAULT 'pending' NOT NULL,
	"code" text,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streak_freezes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"used_for" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streak_periods" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"period" date NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "streaks" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"cadence" text DEFAULT 'daily' NOT NULL,
	"current" integer DEFAULT 0 NOT NULL,
	"longest" integer DEFAULT 0 NOT NULL,
	"last_period" date,
	"time_zone" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "credential_public_jwk" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "credential_private_jwk_ciphertext" text;--> statement-breakpoint
ALTER TABLE "achievement_settings" ADD CONSTRAINT "achievement_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_awards" ADD CONSTRAINT "badge_awards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_awards" ADD CONSTRAINT "badge_awards_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_awards" ADD CONSTRAINT "badge_awards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_contributions" ADD CONSTRAINT "badge_contributions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_contributions" ADD CONSTRAINT "badge_contributions_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_contributions" ADD CONSTRAINT "badge_contributions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_created_by_console_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_items" ADD CONSTRAINT "catalogue_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_item_id_catalogue_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalogue_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_freezes" ADD CONSTRAINT "streak_freezes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_freezes" ADD CONSTRAINT "streak_freezes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_periods" ADD CONSTRAINT "streak_periods_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streak_periods" ADD CONSTRAINT "streak_periods_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streaks" ADD CONSTRAINT "streaks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streaks" ADD CONSTRAINT "streaks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "badge_awards_once" ON "badge_awards" USING btree ("tenant_id","badge_id","customer_id","tier") WHERE "badge_awards"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "badge_awards_status_index" ON "badge_awards" USING btree ("tenant_id","status_index");--> statement-breakpoint
CREATE INDEX "badge_awards_customer" ON "badge_awards" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "badge_contributions_once" ON "badge_contributions" USING btree ("badge_id","customer_id","key");--> statement-breakpoint
CREATE INDEX "badge_contributions_progress" ON "badge_contributions" USING btree ("tenant_id","customer_id","badge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "badges_slug" ON "badges" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "catalogue_items_tenant" ON "catalogue_items" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_idempotency" ON "redemptions" USING btree ("tenant_id","customer_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "redemptions_item" ON "redemptions" USING btree ("item_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "streak_freezes_source" ON "streak_freezes" USING btree ("tenant_id","customer_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "streak_periods_once" ON "streak_periods" USING btree ("tenant_id","customer_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "streaks_owner" ON "streaks" USING btree ("tenant_id","customer_id");