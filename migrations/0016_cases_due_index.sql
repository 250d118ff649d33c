-- Why: the at-risk and overdue filters and the open list sorted by deadline read the few open cases
-- through (district_id, due_at) instead of every case of the year (due_at is NULL once a case is done).
CREATE INDEX "case_record_due_idx" ON "case_record" USING btree ("district_id","due_at");