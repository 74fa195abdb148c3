CREATE TABLE "referrer_sightings" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrer_sightings_tenant_id_customer_id_fingerprint_pk" PRIMARY KEY("tenant_id","customer_id","fingerprint")
);
--> statement-breakpoint
ALTER TABLE "referral_programs" ADD COLUMN "terms" jsonb;--> statement-breakpoint
ALTER TABLE "referral_programs" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "signals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "referrer_sightings" ADD CONSTRAINT "referrer_sightings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrer_sightings" ADD CONSTRAINT "referrer_sightings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decided_by_console_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Signals were English sentences: each becomes its code (the cap its parameter), and a
-- moderator's "approved: …" / "rejected: …" line becomes the decision's note.
UPDATE "referrals" SET "signals" = COALESCE((
	SELECT jsonb_agg(CASE
		WHEN r.value = 'self-referral: the friend is the referrer' THEN jsonb_build_object('code', 'self_referral')
		WHEN r.value = 'self-referral: same email address' THEN jsonb_build_object('code', 'same_email')
		WHEN r.value = 'self-referral: same device' THEN jsonb_build_object('code', 'same_device')
		WHEN r.value LIKE 'velocity:%' THEN jsonb_build_object('code', 'velocity', 'params', jsonb_build_object('cap', (substring(r.value from '(\d+)'))::int))
		ELSE jsonb_build_object('code', 'existing_customer')
	END)
	FROM jsonb_array_elements_text("reasons") AS r(value)
	WHERE r.value !~ '^(approved|rejected): '
), '[]'::jsonb),
"decision_note" = (SELECT substring(r.value from '^(?:approved|rejected): (.*)$') FROM jsonb_array_elements_text("reasons") AS r(value) WHERE r.value ~ '^(approved|rejected): ' LIMIT 1),
"decided_at" = CASE WHEN "status" IN ('approved', 'rejected') AND "reasons"::text ~ '"(approved|rejected): ' THEN "updated_at" END
WHERE "reasons" <> '[]'::jsonb;
