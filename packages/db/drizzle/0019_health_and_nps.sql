CREATE TYPE "public"."health_alert_status" AS ENUM('open', 'assigned', 'resolved');--> statement-breakpoint
CREATE TABLE "health_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" "health_alert_status" DEFAULT 'open' NOT NULL,
	"score" integer NOT NULL,
	"previous_score" integer NOT NULL,
	"band" text NOT NULL,
	"previous_band" text NOT NULL,
	"explanation" jsonb NOT NULL,
	"assignee" uuid,
	"note" text,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "health_scores" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"signals" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"weights" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"key_features" text[],
	"healthy_from" integer DEFAULT 70 NOT NULL,
	"at_risk_from" integer DEFAULT 40 NOT NULL,
	"alert_drop" integer DEFAULT 15 NOT NULL,
	"nps_min_account_days" integer DEFAULT 14 NOT NULL,
	"nps_min_active_days" integer DEFAULT 3 NOT NULL,
	"nps_every_days" integer DEFAULT 90 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nps_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"score" integer,
	"comment" text,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_assignee_console_users_id_fk" FOREIGN KEY ("assignee") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_settings" ADD CONSTRAINT "health_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nps_responses" ADD CONSTRAINT "nps_responses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nps_responses" ADD CONSTRAINT "nps_responses_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "health_alerts_in_flight" ON "health_alerts" USING btree ("tenant_id","customer_id") WHERE "health_alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "health_alerts_tenant" ON "health_alerts" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "health_scores_day" ON "health_scores" USING btree ("tenant_id","customer_id","day");--> statement-breakpoint
CREATE INDEX "health_scores_latest" ON "health_scores" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "nps_responses_customer" ON "nps_responses" USING btree ("tenant_id","customer_id","created_at");