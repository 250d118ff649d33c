-- Why: exam arrangement (issue 6) — exams with sessions, sites, candidates and invigilators as data;
-- numbered plan versions keeping the engine's exact input/output and hashes (a locked plan is never
-- changed: a change is a new version), rooms and seats materialised for lists and documents, and
-- append-only exam-day records.
CREATE TABLE "exam" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"rules" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_candidate" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_candidate_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"site_id" bigint NOT NULL,
	"person_id" bigint,
	"registration_no" text NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"id_number_enc" text,
	"id_number_hash" text,
	"id_number_masked" text,
	"group_code" text NOT NULL,
	"accommodation" text,
	"import_batch_id" bigint
);
--> statement-breakpoint
CREATE TABLE "exam_day_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_day_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" bigint NOT NULL,
	"session_id" bigint NOT NULL,
	"candidate_id" bigint NOT NULL,
	"site_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"to_room_id" bigint,
	"note" text,
	"evidence_file_id" text,
	"revokes" bigint,
	"recorded_by" bigint,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_invigilator" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_invigilator_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"person_id" bigint,
	"staff_no" text NOT NULL,
	"name" text NOT NULL,
	"relative_site_ids" bigint[] DEFAULT '{}' NOT NULL,
	"experience_years" smallint DEFAULT 0 NOT NULL,
	"import_batch_id" bigint
);
--> statement-breakpoint
CREATE TABLE "exam_plan" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"seed" text NOT NULL,
	"input_hash" text,
	"result_hash" text,
	"engine_version" text NOT NULL,
	"instance" jsonb,
	"plan" jsonb,
	"stats" jsonb,
	"reasons" jsonb,
	"diff" jsonb,
	"job_id" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" bigint,
	"locked_at" timestamp with time zone,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exam_room" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_room_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"site_id" bigint NOT NULL,
	"room_no" integer NOT NULL,
	"kind" text NOT NULL,
	"group_code" text,
	"seats" integer NOT NULL,
	"invigilator_ids" bigint[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_seat" (
	"plan_id" bigint NOT NULL,
	"room_id" bigint NOT NULL,
	"candidate_id" bigint NOT NULL,
	"seat_no" smallint NOT NULL,
	"row" smallint NOT NULL,
	"col" smallint NOT NULL,
	"ticket" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_session" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_session_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_site" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_site_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exam_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"rooms" integer NOT NULL,
	"accessible_rooms" integer DEFAULT 0 NOT NULL,
	"address" text,
	"import_batch_id" bigint
);
--> statement-breakpoint
ALTER TABLE "exam" ADD CONSTRAINT "exam_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidate" ADD CONSTRAINT "exam_candidate_exam_id_exam_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exam"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidate" ADD CONSTRAINT "exam_candidate_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidate" ADD CONSTRAINT "exam_candidate_site_id_exam_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."exam_site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_day_record" ADD CONSTRAINT "exam_day_record_exam_id_exam_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exam"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_day_record" ADD CONSTRAINT "exam_day_record_session_id_exam_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."exam_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_day_record" ADD CONSTRAINT "exam_day_record_candidate_id_exam_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."exam_candidate"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_day_record" ADD CONSTRAINT "exam_day_record_site_id_exam_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."exam_site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_day_record" ADD CONSTRAINT "exam_day_record_to_room_id_exam_room_id_fk" FOREIGN KEY ("to_room_id") REFERENCES "public"."exam_room"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_invigilator" ADD CONSTRAINT "exam_invigilator_exam_id_exam_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exam"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_invigilator" ADD CONSTRAINT "exam_invigilator_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plan" ADD CONSTRAINT "exam_plan_exam_id_exam_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exam"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_room" ADD CONSTRAINT "exam_room_plan_id_exam_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_room" ADD CONSTRAINT "exam_room_site_id_exam_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."exam_site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seat" ADD CONSTRAINT "exam_seat_plan_id_exam_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seat" ADD CONSTRAINT "exam_seat_room_id_exam_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."exam_room"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_seat" ADD CONSTRAINT "exam_seat_candidate_id_exam_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."exam_candidate"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_session" ADD CONSTRAINT "exam_session_exam_id_exam_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exam"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_site" ADD CONSTRAINT "exam_site_exam_id_exam_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exam"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_site" ADD CONSTRAINT "exam_site_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_district_code_idx" ON "exam" USING btree ("district_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_candidate_registration_idx" ON "exam_candidate" USING btree ("exam_id","registration_no");--> statement-breakpoint
CREATE INDEX "exam_candidate_org_idx" ON "exam_candidate" USING btree ("exam_id","org_id");--> statement-breakpoint
CREATE INDEX "exam_candidate_site_idx" ON "exam_candidate" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "exam_candidate_name_idx" ON "exam_candidate" USING btree ("exam_id","name");--> statement-breakpoint
CREATE INDEX "exam_day_record_session_idx" ON "exam_day_record" USING btree ("session_id","site_id");--> statement-breakpoint
CREATE INDEX "exam_day_record_candidate_idx" ON "exam_day_record" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_invigilator_staff_idx" ON "exam_invigilator" USING btree ("exam_id","staff_no");--> statement-breakpoint
CREATE INDEX "exam_invigilator_org_idx" ON "exam_invigilator" USING btree ("exam_id","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_plan_version_idx" ON "exam_plan" USING btree ("exam_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_room_no_idx" ON "exam_room" USING btree ("plan_id","site_id","room_no");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_seat_candidate_idx" ON "exam_seat" USING btree ("plan_id","candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_seat_ticket_idx" ON "exam_seat" USING btree ("plan_id","ticket");--> statement-breakpoint
CREATE INDEX "exam_seat_room_idx" ON "exam_seat" USING btree ("room_id","seat_no");--> statement-breakpoint
CREATE INDEX "exam_session_exam_idx" ON "exam_session" USING btree ("exam_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_site_code_idx" ON "exam_site" USING btree ("exam_id","code");--> statement-breakpoint
CREATE INDEX "exam_site_org_idx" ON "exam_site" USING btree ("org_id");