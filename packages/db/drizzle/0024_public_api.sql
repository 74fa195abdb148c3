CREATE TABLE "api_idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request" text NOT NULL,
	"request_digest" text NOT NULL,
	"status" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "api_idempotency_keys_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "badge_awards" ADD COLUMN "by_api" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "secret_key_digest" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "previous_secret_key_digest" text;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_age" ON "api_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tenants_previous_secret_key_digest" ON "tenants" USING btree ("previous_secret_key_digest");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_secret_key_digest_unique" UNIQUE("secret_key_digest");