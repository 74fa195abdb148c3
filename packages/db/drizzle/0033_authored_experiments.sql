CREATE TABLE "authored_experiments" (
	"tenant_id" uuid NOT NULL,
	"feature_key" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authored_experiments_tenant_id_feature_key_pk" PRIMARY KEY("tenant_id","feature_key")
);
--> statement-breakpoint
CREATE TABLE "copy_variations" (
	"tenant_id" uuid NOT NULL,
	"feature_key" text NOT NULL,
	"variation_id" text NOT NULL,
	"texts" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "copy_variations_tenant_id_feature_key_variation_id_pk" PRIMARY KEY("tenant_id","feature_key","variation_id")
);
--> statement-breakpoint
ALTER TABLE "feature_states" ADD COLUMN "decision" jsonb;--> statement-breakpoint
ALTER TABLE "authored_experiments" ADD CONSTRAINT "authored_experiments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authored_experiments" ADD CONSTRAINT "authored_experiments_created_by_console_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_variations" ADD CONSTRAINT "copy_variations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "copy_variations" ADD CONSTRAINT "copy_variations_created_by_console_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;