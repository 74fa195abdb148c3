CREATE TYPE "public"."plan_template_status" AS ENUM('active', 'retired');--> statement-breakpoint
CREATE TABLE "plan_completions" (
	"plan_id" uuid NOT NULL,
	"item" text NOT NULL,
	"kind" text NOT NULL,
	"by" text NOT NULL,
	"completed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_contributions" (
	"plan_id" uuid NOT NULL,
	"item" text NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"texts" jsonb NOT NULL,
	"audience" jsonb,
	"priority" integer DEFAULT 100 NOT NULL,
	"phases" jsonb NOT NULL,
	"milestones" jsonb NOT NULL,
	"tasks" jsonb NOT NULL,
	"status" "plan_template_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "success_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_completions" ADD CONSTRAINT "plan_completions_plan_id_success_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."success_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_contributions" ADD CONSTRAINT "plan_contributions_plan_id_success_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."success_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_templates" ADD CONSTRAINT "plan_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_plans" ADD CONSTRAINT "success_plans_template_id_plan_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."plan_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_completions_once" ON "plan_completions" USING btree ("plan_id","item");--> statement-breakpoint
CREATE INDEX "plan_completions_plan" ON "plan_completions" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_contributions_once" ON "plan_contributions" USING btree ("plan_id","item","key");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_templates_slug" ON "plan_templates" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "success_plans_customer" ON "success_plans" USING btree ("tenant_id","customer_id");