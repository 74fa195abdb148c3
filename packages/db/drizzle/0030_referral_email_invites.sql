CREATE TABLE "referral_email_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referrer_id" uuid NOT NULL,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_email_invites" ADD CONSTRAINT "referral_email_invites_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_email_invites" ADD CONSTRAINT "referral_email_invites_referrer_id_customers_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_email_invites_once" ON "referral_email_invites" USING btree ("tenant_id","referrer_id","email");--> statement-breakpoint
CREATE INDEX "referral_email_invites_recent" ON "referral_email_invites" USING btree ("tenant_id","referrer_id","created_at");