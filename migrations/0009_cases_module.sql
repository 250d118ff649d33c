-- Why: issue 5, 接诉即办 and 信访 — 12345 work orders and petitions (case_record), their transitions
-- (case_event), legal clocks on the clock engine (case_clock), the versioned dispatch catalogue, month-
-- versioned ranking weights and Open311 API keys; indexes for the list filters and duplicate words (GIN).
CREATE TABLE "case_api_key" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_api_key_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "case_api_key_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "case_catalogue" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_catalogue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"unit_kind" text NOT NULL,
	"limit_kind" text NOT NULL,
	"reply_rule" jsonb NOT NULL,
	"sign_for_hours" numeric NOT NULL,
	"first_contact_hours" numeric NOT NULL,
	"description" text,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "case_clock" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_clock_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"kind" text NOT NULL,
	"rule" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paused_since" timestamp with time zone,
	"pause_reason" text,
	"extensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"stopped_at" timestamp with time zone,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "case_clock_status_ck" CHECK ("case_clock"."status" IN ('running','paused','met','missed','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "case_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"reason" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_rank_weights" (
	"district_id" integer NOT NULL,
	"from_month" text NOT NULL,
	"response" numeric NOT NULL,
	"resolution" numeric NOT NULL,
	"satisfaction" numeric NOT NULL,
	"basic_factor" numeric NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"external_no" text NOT NULL,
	"channel" text NOT NULL,
	"catalogue_id" integer,
	"category_code" text,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"words" text[] DEFAULT '{}'::text[] NOT NULL,
	"subject_org_id" integer,
	"complainant_name_masked" text,
	"complainant_name_enc" text,
	"complainant_phone_enc" text,
	"complainant_phone_hash" text,
	"complainant_phone_masked" text,
	"complainant_id_enc" text,
	"complainant_id_hash" text,
	"complainant_id_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"accusation" boolean DEFAULT false NOT NULL,
	"accused_org_id" integer,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"signed_for_at" timestamp with time zone,
	"contacted_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"opinion_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"due_kind" text,
	"due_at" timestamp with time zone,
	"risk_at" timestamp with time zone,
	"sign_for_due_at" timestamp with time zone,
	"contact_due_at" timestamp with time zone,
	"reply_due_at" timestamp with time zone,
	"on_time" boolean,
	"return_count" integer DEFAULT 0 NOT NULL,
	"callback_at" timestamp with time zone,
	"callback_valid" boolean,
	"callback_solved" boolean,
	"callback_satisfaction" text,
	"callback_note" text,
	"rank_month" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"merged_into_id" bigint,
	"state_before_merge" text,
	"link_group_id" bigint,
	"import_batch_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_record_kind_ck" CHECK ("case_record"."kind" IN ('hotline','petition')),
	CONSTRAINT "case_record_satisfaction_ck" CHECK ("case_record"."callback_satisfaction" IS NULL OR "case_record"."callback_satisfaction" IN ('satisfied','basically_satisfied','unsatisfied')),
	CONSTRAINT "case_record_accused_ck" CHECK ("case_record"."accused_org_id" IS NULL OR "case_record"."accusation")
);
--> statement-breakpoint
ALTER TABLE "case_clock" ADD CONSTRAINT "case_clock_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_catalogue_id_case_catalogue_id_fk" FOREIGN KEY ("catalogue_id") REFERENCES "public"."case_catalogue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_subject_org_id_org_unit_id_fk" FOREIGN KEY ("subject_org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_accused_org_id_org_unit_id_fk" FOREIGN KEY ("accused_org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_catalogue_version_uq" ON "case_catalogue" USING btree ("district_id","code","version");--> statement-breakpoint
CREATE INDEX "case_catalogue_current_idx" ON "case_catalogue" USING btree ("district_id","code") WHERE "case_catalogue"."valid_to" IS NULL;--> statement-breakpoint
CREATE INDEX "case_clock_case_idx" ON "case_clock" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "case_clock_running_due_idx" ON "case_clock" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "case_event_case_idx" ON "case_event" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_event_action_at_idx" ON "case_event" USING btree ("action","at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_rank_weights_uq" ON "case_rank_weights" USING btree ("district_id","from_month");--> statement-breakpoint
CREATE UNIQUE INDEX "case_record_external_no_uq" ON "case_record" USING btree ("district_id","kind","external_no");--> statement-breakpoint
CREATE INDEX "case_record_org_received_idx" ON "case_record" USING btree ("org_id","received_at");--> statement-breakpoint
CREATE INDEX "case_record_received_idx" ON "case_record" USING btree ("district_id","received_at");--> statement-breakpoint
CREATE INDEX "case_record_state_due_idx" ON "case_record" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "case_record_category_idx" ON "case_record" USING btree ("category_code","received_at");--> statement-breakpoint
CREATE INDEX "case_record_subject_idx" ON "case_record" USING btree ("subject_org_id","received_at");--> statement-breakpoint
CREATE INDEX "case_record_rank_month_idx" ON "case_record" USING btree ("rank_month","org_id");--> statement-breakpoint
CREATE INDEX "case_record_phone_hash_idx" ON "case_record" USING btree ("complainant_phone_hash");--> statement-breakpoint
CREATE INDEX "case_record_link_group_idx" ON "case_record" USING btree ("link_group_id");--> statement-breakpoint
CREATE INDEX "case_record_merged_idx" ON "case_record" USING btree ("merged_into_id");--> statement-breakpoint
CREATE INDEX "case_record_words_idx" ON "case_record" USING gin ("words");