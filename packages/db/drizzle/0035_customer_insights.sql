CREATE TABLE "customer_insights" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"features" jsonb NOT NULL,
	"recency_score" integer NOT NULL,
	"frequency_score" integer NOT NULL,
	"monetary_score" integer NOT NULL,
	"tier" text NOT NULL,
	"value_probability" real,
	"value_band" text,
	"model_version" integer,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_insights_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "insight_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"feature_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"ticket_event" text DEFAULT 'support_ticket_opened' NOT NULL,
	"revenue_event" text DEFAULT 'subscription_started' NOT NULL,
	"revenue_property" text DEFAULT 'revenue' NOT NULL,
	"windows" jsonb DEFAULT '{"activeDays":30,"frequencyDays":90,"ticketDays":90,"monetaryDays":365}'::jsonb NOT NULL,
	"label_rule" jsonb DEFAULT '{"kind":"top-monetary","share":0.2}'::jsonb NOT NULL,
	"tier_from_traits" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tier_history" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tier" text NOT NULL,
	CONSTRAINT "tier_history_tenant_id_customer_id_day_pk" PRIMARY KEY("tenant_id","customer_id","day")
);
--> statement-breakpoint
CREATE TABLE "value_models" (
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"windows" jsonb DEFAULT '{"activeDays":30,"frequencyDays":90,"ticketDays":90,"monetaryDays":365}'::jsonb NOT NULL,
	"label_rule" jsonb NOT NULL,
	"customers" integer NOT NULL,
	"positives" integer NOT NULL,
	"skipped_reason" text,
	"evaluation" jsonb,
	"importances" jsonb,
	"thresholds" jsonb,
	"forest" jsonb,
	"training_ms" double precision,
	CONSTRAINT "value_models_tenant_id_version_pk" PRIMARY KEY("tenant_id","version")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "segments" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_insights" ADD CONSTRAINT "customer_insights_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_insights" ADD CONSTRAINT "customer_insights_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_settings" ADD CONSTRAINT "insight_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_models" ADD CONSTRAINT "value_models_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_insights_tenant_tier" ON "customer_insights" USING btree ("tenant_id","tier");--> statement-breakpoint
CREATE INDEX "tier_history_tenant_day" ON "tier_history" USING btree ("tenant_id","day");