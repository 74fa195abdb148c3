ALTER TABLE "tenants" ADD COLUMN "previous_secret_key_ciphertext" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "previous_secret_key_valid_until" timestamp with time zone;