DROP INDEX "console_users_email";--> statement-breakpoint
CREATE UNIQUE INDEX "console_users_tenant_email" ON "console_users" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "console_users_email" ON "console_users" USING btree ("email");