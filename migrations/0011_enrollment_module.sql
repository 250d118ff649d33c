-- Why: the enrollment module (招生入学): years with versioned configuration, participating schools and seats,
-- applications with sealed child IDs, agency reviews, the address ledger (六年一学位), draws whose bundles are
-- stored as json (exact bytes for the hashes), frozen pools, offers and waitlists.
CREATE TABLE "enrollment_address_use" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_address_use_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"address_hash" text NOT NULL,
	"address_masked" text NOT NULL,
	"child_id_hash" text NOT NULL,
	"child_name" text NOT NULL,
	"year" smallint NOT NULL,
	"school_id" integer,
	"span" smallint NOT NULL,
	"application_id" bigint,
	"exception_reason" text,
	"exception_approver_id" integer,
	"exception_approver_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_address_use_span_ck" CHECK ("enrollment_address_use"."span" IN (6, 9))
);
--> statement-breakpoint
CREATE TABLE "enrollment_application" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_application_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year_id" bigint NOT NULL,
	"account_id" integer,
	"client_key" text,
	"lottery_id" text NOT NULL,
	"stage" text NOT NULL,
	"route" text NOT NULL,
	"category" text NOT NULL,
	"child_name" text NOT NULL,
	"child_id_enc" text NOT NULL,
	"child_id_hash" text NOT NULL,
	"child_id_masked" text NOT NULL,
	"birth_date" date NOT NULL,
	"gender" text,
	"hukou_type" text NOT NULL,
	"residence_kind" text NOT NULL,
	"address_enc" text NOT NULL,
	"address_masked" text NOT NULL,
	"address_hash" text NOT NULL,
	"certificate_enc" text,
	"guardians" jsonb NOT NULL,
	"guardian_phone_hash" text NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sibling_group" text,
	"choices" integer[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"resubmissions" smallint DEFAULT 0 NOT NULL,
	"decision_reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"address_flag" jsonb,
	"address_exception" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_application_status_ck" CHECK ("enrollment_application"."status" IN ('submitted','approved','rejected','resubmitted','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "enrollment_draw" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_draw_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year_id" bigint NOT NULL,
	"name" text NOT NULL,
	"stage" text NOT NULL,
	"route" text NOT NULL,
	"zone_id" integer,
	"mechanism" text DEFAULT 'da' NOT NULL,
	"parties" text[] NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"pool_root" text,
	"pool_size" integer,
	"frozen_at" timestamp with time zone,
	"schools" json,
	"commitments" json DEFAULT '[]'::json NOT NULL,
	"reveals" json DEFAULT '[]'::json NOT NULL,
	"seed" text,
	"bundle" json,
	"result_hash" text,
	"job_id" text,
	"failure" text,
	"drawn_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_draw_status_ck" CHECK ("enrollment_draw"."status" IN ('created','frozen','running','drawn','published','failed'))
);
--> statement-breakpoint
CREATE TABLE "enrollment_draw_entry" (
	"draw_id" bigint NOT NULL,
	"lottery_id" text NOT NULL,
	"application_id" bigint NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "enrollment_draw_entry_draw_id_lottery_id_pk" PRIMARY KEY("draw_id","lottery_id")
);
--> statement-breakpoint
CREATE TABLE "enrollment_offer" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_offer_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"draw_id" bigint,
	"application_id" bigint NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"notice_no" text NOT NULL,
	"responded_at" timestamp with time zone,
	"transferred_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_offer_status_ck" CHECK ("enrollment_offer"."status" IN ('offered','confirmed','declined','expired','superseded'))
);
--> statement-breakpoint
CREATE TABLE "enrollment_review" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_review_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" bigint NOT NULL,
	"agency" text NOT NULL,
	"round" smallint NOT NULL,
	"passed" boolean NOT NULL,
	"reason" text,
	"reviewer_id" integer,
	"reviewer_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollment_school" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_school_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year_id" bigint NOT NULL,
	"district_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"zone_id" integer,
	"stage" text NOT NULL,
	"route" text NOT NULL,
	"seats" integer NOT NULL,
	"nine_year" boolean DEFAULT false NOT NULL,
	CONSTRAINT "enrollment_school_seats_ck" CHECK ("enrollment_school"."seats" >= 0)
);
--> statement-breakpoint
CREATE TABLE "enrollment_waitlist" (
	"draw_id" bigint NOT NULL,
	"school_id" integer NOT NULL,
	"application_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	CONSTRAINT "enrollment_waitlist_draw_id_school_id_application_id_pk" PRIMARY KEY("draw_id","school_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "enrollment_year" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrollment_year_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"config" jsonb NOT NULL,
	"config_version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_year_status_ck" CHECK ("enrollment_year"."status" IN ('draft','open','closed'))
);
--> statement-breakpoint
CREATE TABLE "enrollment_year_version" (
	"year_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrollment_year_version_year_id_version_pk" PRIMARY KEY("year_id","version")
);
--> statement-breakpoint
ALTER TABLE "enrollment_address_use" ADD CONSTRAINT "enrollment_address_use_school_id_org_unit_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD CONSTRAINT "enrollment_application_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD CONSTRAINT "enrollment_application_year_id_enrollment_year_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."enrollment_year"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_application" ADD CONSTRAINT "enrollment_application_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_draw" ADD CONSTRAINT "enrollment_draw_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_draw" ADD CONSTRAINT "enrollment_draw_year_id_enrollment_year_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."enrollment_year"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_draw" ADD CONSTRAINT "enrollment_draw_zone_id_org_unit_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_draw_entry" ADD CONSTRAINT "enrollment_draw_entry_draw_id_enrollment_draw_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."enrollment_draw"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_offer" ADD CONSTRAINT "enrollment_offer_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_offer" ADD CONSTRAINT "enrollment_offer_draw_id_enrollment_draw_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."enrollment_draw"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_offer" ADD CONSTRAINT "enrollment_offer_application_id_enrollment_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."enrollment_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_review" ADD CONSTRAINT "enrollment_review_application_id_enrollment_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."enrollment_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_school" ADD CONSTRAINT "enrollment_school_year_id_enrollment_year_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."enrollment_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_school" ADD CONSTRAINT "enrollment_school_school_id_org_unit_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_school" ADD CONSTRAINT "enrollment_school_zone_id_org_unit_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_waitlist" ADD CONSTRAINT "enrollment_waitlist_draw_id_enrollment_draw_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."enrollment_draw"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_waitlist" ADD CONSTRAINT "enrollment_waitlist_school_id_org_unit_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_year" ADD CONSTRAINT "enrollment_year_org_id_org_unit_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_year_version" ADD CONSTRAINT "enrollment_year_version_year_id_enrollment_year_id_fk" FOREIGN KEY ("year_id") REFERENCES "public"."enrollment_year"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrollment_address_use_hash_idx" ON "enrollment_address_use" USING btree ("district_id","address_hash","year");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_application_child_uq" ON "enrollment_application" USING btree ("year_id","child_id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_application_lottery_uq" ON "enrollment_application" USING btree ("lottery_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_application_client_uq" ON "enrollment_application" USING btree ("account_id","client_key");--> statement-breakpoint
CREATE INDEX "enrollment_application_list_idx" ON "enrollment_application" USING btree ("year_id","org_id","status");--> statement-breakpoint
CREATE INDEX "enrollment_application_account_idx" ON "enrollment_application" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "enrollment_application_child_idx" ON "enrollment_application" USING btree ("child_id_hash");--> statement-breakpoint
CREATE INDEX "enrollment_application_phone_idx" ON "enrollment_application" USING btree ("guardian_phone_hash");--> statement-breakpoint
CREATE INDEX "enrollment_draw_year_idx" ON "enrollment_draw" USING btree ("year_id");--> statement-breakpoint
CREATE INDEX "enrollment_draw_entry_app_idx" ON "enrollment_draw_entry" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "enrollment_offer_app_idx" ON "enrollment_offer" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "enrollment_offer_draw_idx" ON "enrollment_offer" USING btree ("draw_id","org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_offer_notice_uq" ON "enrollment_offer" USING btree ("notice_no");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_review_uq" ON "enrollment_review" USING btree ("application_id","agency","round");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_school_uq" ON "enrollment_school" USING btree ("year_id","school_id","stage","route");--> statement-breakpoint
CREATE INDEX "enrollment_school_zone_idx" ON "enrollment_school" USING btree ("year_id","zone_id");--> statement-breakpoint
CREATE INDEX "enrollment_waitlist_order_idx" ON "enrollment_waitlist" USING btree ("draw_id","school_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_year_district_year_uq" ON "enrollment_year" USING btree ("district_id","year");