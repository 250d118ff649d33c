-- Why: lists sort people by name across kinds ("全部") and search by name prefix; an index led by
-- kind served neither at district scale (≈900k people), one led by name serves both.
DROP INDEX "person_kind_name_idx";--> statement-breakpoint
CREATE INDEX "person_name_idx" ON "person" USING btree ("name","id");