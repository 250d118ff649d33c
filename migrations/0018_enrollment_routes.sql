-- Why: the junior-entry routes' own rules: an application names the primary school the child leaves (九年一贯直升, 对口直升), a child returned to 派位 keeps where it came from, a draw records how many applicants were left out for holding an offer, and the feeder pairs (对口直升) of a year with their leavers and quota seats.
CREATE TABLE "enrollment_feeder" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_feeder_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"middle_school_id" integer NOT NULL,
	"feeder_school_id" integer NOT NULL,
	"leavers" integer NOT NULL,
	"quota_seats" integer NOT NULL,
	CONSTRAINT "enrollment_feeder_counts_ck" CHECK ("enrollment_feeder"."leavers" >= 0 AND "enrollment_feeder"."quota_seats" >= 0)
);
--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD COLUMN "current_school_id" integer;--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD COLUMN "returned_from" text;--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrollment_draw" ADD COLUMN "pool_excluded" integer;--> statement-breakpoint
ALTER TABLE "enrollment_feeder" ADD CONSTRAINT "enrollment_feeder_year_id_enrollment_year_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."enrollment_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_feeder" ADD CONSTRAINT "enrollment_feeder_middle_school_id_org_unit_id_fk" FOREIGN KEY ("middle_school_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_feeder" ADD CONSTRAINT "enrollment_feeder_feeder_school_id_org_unit_id_fk" FOREIGN KEY ("feeder_school_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_feeder_uq" ON "enrollment_feeder" USING btree ("year_id","middle_school_id","feeder_school_id");--> statement-breakpoint
CREATE INDEX "enrollment_feeder_primary_idx" ON "enrollment_feeder" USING btree ("year_id","feeder_school_id");--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD CONSTRAINT "enrollment_application_current_school_id_org_unit_id_fk" FOREIGN KEY ("current_school_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;