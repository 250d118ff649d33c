-- Why: list totals over ~900k people must not count the table on every page; this rollup per unit,
-- kind, status and grade is summed instead (maintained by the triggers of 0004).
CREATE TABLE "person_count" (
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"grade" smallint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "person_count_org_id_kind_status_grade_pk" PRIMARY KEY("org_id","kind","status","grade")
);
