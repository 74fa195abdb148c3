CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'done', 'dead');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'done', 'dead');--> statement-breakpoint
CREATE TYPE "public"."grant_status" AS ENUM('pending', 'approved', 'paid', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."points_bucket" AS ENUM('issued', 'pending', 'available', 'held', 'spent', 'reversed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."points_entry_kind" AS ENUM('earn', 'approve', 'reverse', 'hold', 'settle', 'release', 'adjust', 'expire');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"reaction" text NOT NULL,
	"event_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "points_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text DEFAULT 'points' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" "points_entry_kind" NOT NULL,
	"from_bucket" "points_bucket" NOT NULL,
	"to_bucket" "points_bucket" NOT NULL,
	"amount" integer NOT NULL,
	"grant_id" uuid,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_entries_positive" CHECK ("points_entries"."amount" > 0),
	CONSTRAINT "points_entries_moves" CHECK ("points_entries"."from_bucket" <> "points_entries"."to_bucket")
);
--> statement-breakpoint
CREATE TABLE "reward_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_key" text NOT NULL,
	"spec" jsonb NOT NULL,
	"status" "grant_status" NOT NULL,
	"shortfall" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_aliases" DROP CONSTRAINT "customer_aliases_tenant_id_anonymous_id_pk";--> statement-breakpoint
ALTER TABLE "customer_aliases" ADD CONSTRAINT "customer_aliases_tenant_id_anonymous_id_customer_id_pk" PRIMARY KEY("tenant_id","anonymous_id","customer_id");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_accounts" ADD CONSTRAINT "points_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_account_id_points_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_grant_id_reward_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."reward_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_created_by_console_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_grants" ADD CONSTRAINT "reward_grants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_grants" ADD CONSTRAINT "reward_grants_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_reaction_event" ON "deliveries" USING btree ("reaction","event_id");--> statement-breakpoint
CREATE INDEX "deliveries_due" ON "deliveries" USING btree ("run_after") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_subject_order" ON "deliveries" USING btree ("tenant_id","reaction","subject","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_dead" ON "deliveries" USING btree ("tenant_id","reaction") WHERE status = 'dead';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_tenant_key" ON "jobs" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "points_accounts_owner" ON "points_accounts" USING btree ("tenant_id","customer_id","currency");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_idempotency" ON "points_entries" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "points_entries_account" ON "points_entries" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_grants_source_key" ON "reward_grants" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "reward_grants_customer" ON "reward_grants" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "customer_aliases_tenant_customer" ON "customer_aliases" USING btree ("tenant_id","customer_id");--> statement-breakpoint
-- Carry the referral reward tables over into the rewards domain (dropped in the next migration).
INSERT INTO "reward_grants" ("tenant_id", "customer_id", "source", "source_key", "spec", "status", "created_at")
SELECT "tenant_id", "customer_id", 'referral', 'referral:' || "referral_id" || ':' || "side", "reward", "status"::text::"grant_status", "created_at"
FROM "referral_rewards";--> statement-breakpoint
INSERT INTO "reward_grants" ("tenant_id", "customer_id", "source", "source_key", "spec", "status", "created_at")
SELECT "tenant_id", "customer_id", 'referral', 'referral:' || "customer_id" || ':milestone:' || "friends" || ':0', "reward", "status"::text::"grant_status", "created_at"
FROM "referral_milestone_rewards";--> statement-breakpoint
INSERT INTO "points_accounts" ("tenant_id", "customer_id")
SELECT DISTINCT "tenant_id", "customer_id" FROM "reward_grants" WHERE "spec"->>'type' = 'points'
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "points_entries" ("tenant_id", "account_id", "idempotency_key", "kind", "from_bucket", "to_bucket", "amount", "grant_id", "created_at")
SELECT g."tenant_id", a."id", 'grant:' || g."id" || ':earn', 'earn', 'issued', 'pending', (g."spec"->>'amount')::int, g."id", g."created_at"
FROM "reward_grants" g JOIN "points_accounts" a ON a."tenant_id" = g."tenant_id" AND a."customer_id" = g."customer_id" AND a."currency" = 'points'
WHERE g."spec"->>'type' = 'points';--> statement-breakpoint
INSERT INTO "points_entries" ("tenant_id", "account_id", "idempotency_key", "kind", "from_bucket", "to_bucket", "amount", "grant_id", "created_at")
SELECT g."tenant_id", a."id", 'grant:' || g."id" || ':' || CASE WHEN g."status" = 'reversed' THEN 'reverse' ELSE 'approve' END,
  CASE WHEN g."status" = 'reversed' THEN 'reverse' ELSE 'approve' END::"points_entry_kind",
  'pending', CASE WHEN g."status" = 'reversed' THEN 'reversed' ELSE 'available' END::"points_bucket",
  (g."spec"->>'amount')::int, g."id", g."updated_at"
FROM "reward_grants" g JOIN "points_accounts" a ON a."tenant_id" = g."tenant_id" AND a."customer_id" = g."customer_id" AND a."currency" = 'points'
WHERE g."spec"->>'type' = 'points' AND g."status" <> 'pending';--> statement-breakpoint
-- The approvals the per-replica timer used to sweep for become jobs.
INSERT INTO "jobs" ("tenant_id", "name", "key", "payload", "run_at")
SELECT "tenant_id", 'referral.approve', 'referral:' || "id" || ':approve', jsonb_build_object('referralId', "id"), coalesce("approve_after", now())
FROM "referrals" WHERE "status" = 'pending';--> statement-breakpoint
INSERT INTO "jobs" ("tenant_id", "name", "key", "payload", "run_at")
SELECT "tenant_id", 'referral.approve-milestone', 'referral:' || "customer_id" || ':milestone:' || "friends" || ':0:approve',
  jsonb_build_object('sourceKey', 'referral:' || "customer_id" || ':milestone:' || "friends" || ':0'), "approve_after"
FROM "referral_milestone_rewards" WHERE "status" = 'pending';
