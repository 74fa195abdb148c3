CREATE TABLE "point_rule_awards" (
	"rule_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"day" date NOT NULL,
	"message_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "point_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event" text NOT NULL,
	"condition" jsonb,
	"points" integer NOT NULL,
	"daily_cap" integer NOT NULL,
	"status" "badge_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "point_rule_awards" ADD CONSTRAINT "point_rule_awards_rule_id_point_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."point_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rule_awards" ADD CONSTRAINT "point_rule_awards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_rules" ADD CONSTRAINT "point_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "point_rule_awards_once" ON "point_rule_awards" USING btree ("rule_id","customer_id","message_id");--> statement-breakpoint
CREATE INDEX "point_rule_awards_day" ON "point_rule_awards" USING btree ("rule_id","customer_id","day");--> statement-breakpoint
CREATE INDEX "point_rules_tenant" ON "point_rules" USING btree ("tenant_id","status");