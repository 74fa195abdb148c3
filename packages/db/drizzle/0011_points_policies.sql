CREATE TABLE "points_policies" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"expire_after_days" integer,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "points_policies" ADD CONSTRAINT "points_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_policies" ADD CONSTRAINT "points_policies_updated_by_console_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;