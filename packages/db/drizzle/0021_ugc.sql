CREATE TABLE "ugc_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"submission_id" uuid,
	"image_id" uuid,
	"actor_id" uuid,
	"action" text NOT NULL,
	"reason" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ugc_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"uploader_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"original_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ugc_likes" (
	"tenant_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ugc_likes_submission_id_customer_id_pk" PRIMARY KEY("submission_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "ugc_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"published_points" integer DEFAULT 50 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ugc_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"image_ids" uuid[] DEFAULT '{}' NOT NULL,
	"consent_publish" boolean NOT NULL,
	"licence" text NOT NULL,
	"consent_at" timestamp with time zone,
	"status" text NOT NULL,
	"reason" text,
	"reason_note" text,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"featured_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title || ' ' || summary || ' ' || body)) STORED NOT NULL,
	"grams" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ugc_decisions" ADD CONSTRAINT "ugc_decisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_decisions" ADD CONSTRAINT "ugc_decisions_submission_id_ugc_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."ugc_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_decisions" ADD CONSTRAINT "ugc_decisions_image_id_ugc_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."ugc_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_decisions" ADD CONSTRAINT "ugc_decisions_actor_id_console_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."console_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_images" ADD CONSTRAINT "ugc_images_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_images" ADD CONSTRAINT "ugc_images_uploader_id_customers_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_likes" ADD CONSTRAINT "ugc_likes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_likes" ADD CONSTRAINT "ugc_likes_submission_id_ugc_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."ugc_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_likes" ADD CONSTRAINT "ugc_likes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_settings" ADD CONSTRAINT "ugc_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_submissions" ADD CONSTRAINT "ugc_submissions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ugc_submissions" ADD CONSTRAINT "ugc_submissions_author_id_customers_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ugc_decisions_submission" ON "ugc_decisions" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE INDEX "ugc_images_uploader" ON "ugc_images" USING btree ("tenant_id","uploader_id");--> statement-breakpoint
CREATE INDEX "ugc_submissions_gallery" ON "ugc_submissions" USING btree ("tenant_id","status","published_at");--> statement-breakpoint
CREATE INDEX "ugc_submissions_author" ON "ugc_submissions" USING btree ("tenant_id","author_id","updated_at");--> statement-breakpoint
CREATE INDEX "ugc_submissions_search" ON "ugc_submissions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "ugc_submissions_grams" ON "ugc_submissions" USING gin ("grams");