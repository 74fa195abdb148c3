CREATE TABLE "referral_milestone_rewards" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"friends" integer NOT NULL,
	"reward" jsonb NOT NULL,
	"status" "reward_status" DEFAULT 'pending' NOT NULL,
	"approve_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_milestone_rewards_tenant_id_customer_id_friends_pk" PRIMARY KEY("tenant_id","customer_id","friends")
);
--> statement-breakpoint
ALTER TABLE "referral_milestone_rewards" ADD CONSTRAINT "referral_milestone_rewards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_milestone_rewards" ADD CONSTRAINT "referral_milestone_rewards_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;