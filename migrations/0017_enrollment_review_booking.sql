-- Why: booking an in-person review (预约现场审核, issue 4): the 学区's review slots, its requests that an
-- application be reviewed in person, and the families' bookings (one active per application, capacity per slot).
CREATE TABLE "enrollment_review_booking" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_review_booking_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"slot_id" bigint NOT NULL,
	"application_id" bigint NOT NULL,
	"account_id" integer,
	"booking_no" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"marked_at" timestamp with time zone,
	"marked_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_review_booking_status_ck" CHECK ("enrollment_review_booking"."status" IN ('booked','attended','noShow','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "enrollment_review_request" (
	"application_id" bigint PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"requested_by" integer,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollment_review_slot" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_review_slot_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year_id" bigint NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"stages" text[] DEFAULT '{}' NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"cancel_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_review_slot_capacity_ck" CHECK ("enrollment_review_slot"."capacity" >= 1),
	CONSTRAINT "enrollment_review_slot_time_ck" CHECK ("enrollment_review_slot"."ends_at" > "enrollment_review_slot"."starts_at"),
	CONSTRAINT "enrollment_review_slot_status_ck" CHECK ("enrollment_review_slot"."status" IN ('open','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "enrollment_review_booking" ADD CONSTRAINT "enrollment_review_booking_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review_booking" ADD CONSTRAINT "enrollment_review_booking_slot_id_enrollment_review_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."enrollment_review_slot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review_booking" ADD CONSTRAINT "enrollment_review_booking_application_id_enrollment_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."enrollment_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review_booking" ADD CONSTRAINT "enrollment_review_booking_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review_request" ADD CONSTRAINT "enrollment_review_request_application_id_enrollment_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."enrollment_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review_slot" ADD CONSTRAINT "enrollment_review_slot_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review_slot" ADD CONSTRAINT "enrollment_review_slot_year_id_enrollment_year_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."enrollment_year"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_review_booking_no_uq" ON "enrollment_review_booking" USING btree ("booking_no");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_review_booking_active_uq" ON "enrollment_review_booking" USING btree ("application_id") WHERE "enrollment_review_booking"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "enrollment_review_booking_slot_idx" ON "enrollment_review_booking" USING btree ("slot_id","status");--> statement-breakpoint
CREATE INDEX "enrollment_review_booking_app_idx" ON "enrollment_review_booking" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "enrollment_review_slot_list_idx" ON "enrollment_review_slot" USING btree ("year_id","org_id","starts_at");