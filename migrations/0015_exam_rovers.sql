-- Why: rovers (流动监考) per exam site: invigilators who walk all rooms of a site, kept per plan version
-- like the rooms, so that lists and sheets show them without reading the plan document.
CREATE TABLE "exam_rover" (
	"plan_id" bigint NOT NULL,
	"site_id" bigint NOT NULL,
	"invigilator_id" bigint NOT NULL,
	CONSTRAINT "exam_rover_plan_id_invigilator_id_pk" PRIMARY KEY("plan_id","invigilator_id")
);
--> statement-breakpoint
ALTER TABLE "exam_rover" ADD CONSTRAINT "exam_rover_plan_id_exam_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_rover" ADD CONSTRAINT "exam_rover_site_id_exam_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."exam_site"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_rover" ADD CONSTRAINT "exam_rover_invigilator_id_exam_invigilator_id_fk" FOREIGN KEY ("invigilator_id") REFERENCES "public"."exam_invigilator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_rover_site_idx" ON "exam_rover" USING btree ("plan_id","site_id");