-- Why: every list sorts `field DESC NULLS LAST` (core/lists sortBy); a backward scan of an ASC NULLS FIRST index
-- gives exactly that order, so the newest-first case page reads 20 index entries instead of sorting every
-- case of the district (35 ms → <1 ms at a year of cases).
DROP INDEX "case_record_org_received_idx";--> statement-breakpoint
DROP INDEX "case_record_received_idx";--> statement-breakpoint
CREATE INDEX "case_record_org_received_idx" ON "case_record" USING btree ("org_id","received_at" NULLS FIRST);--> statement-breakpoint
CREATE INDEX "case_record_received_idx" ON "case_record" USING btree ("district_id","received_at" NULLS FIRST);