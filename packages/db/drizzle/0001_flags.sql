CREATE TYPE "public"."feature_status" AS ENUM('draft', 'running', 'stopped');--> statement-breakpoint
CREATE TABLE "feature_state_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feature_state_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"feature_key" text NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feature_states" (
	"tenant_id" uuid NOT NULL,
	"feature_key" text NOT NULL,
	"status" "feature_status" DEFAULT 'draft' NOT NULL,
	"coverage" double precision,
	"weights" jsonb,
	"targeting" jsonb,
	"released_variation_id" text,
	"phase" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feature_states_tenant_id_feature_key_pk" PRIMARY KEY("tenant_id","feature_key")
);
--> statement-breakpoint
CREATE TABLE "payload_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"date_updated" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sticky_buckets" (
	"tenant_id" uuid NOT NULL,
	"attribute_name" text NOT NULL,
	"attribute_value" text NOT NULL,
	"assignments" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sticky_buckets_tenant_id_attribute_name_attribute_value_pk" PRIMARY KEY("tenant_id","attribute_name","attribute_value")
);
--> statement-breakpoint
ALTER TABLE "feature_state_changes" ADD CONSTRAINT "feature_state_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_state_changes" ADD CONSTRAINT "feature_state_changes_changed_by_console_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_states" ADD CONSTRAINT "feature_states_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payload_versions" ADD CONSTRAINT "payload_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sticky_buckets" ADD CONSTRAINT "sticky_buckets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feature_state_changes_tenant_key" ON "feature_state_changes" USING btree ("tenant_id","feature_key","changed_at");