-- Why: case list totals and the weekly dispatch report read narrow indexes instead of every wide case row:
-- a covering index for the scope and accusation filters (index-only counts), and closed_at / callback_at
-- ranges per district for the weekly figures and trends.
CREATE INDEX "case_record_scope_idx" ON "case_record" USING btree ("district_id","org_id","merged_into_id","accusation","accused_org_id","state");--> statement-breakpoint
CREATE INDEX "case_record_closed_idx" ON "case_record" USING btree ("district_id","closed_at");--> statement-breakpoint
CREATE INDEX "case_record_callback_idx" ON "case_record" USING btree ("district_id","callback_at");