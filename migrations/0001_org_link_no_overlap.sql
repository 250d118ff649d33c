-- Why: a unit has one parent at any date. Two placements of the same unit whose periods overlap
-- would make "as of" queries ambiguous, so the database itself refuses them.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "org_link" ADD CONSTRAINT "org_link_no_overlap"
  EXCLUDE USING gist ("unit_id" WITH =, daterange("valid_from", "valid_to") WITH &&);
