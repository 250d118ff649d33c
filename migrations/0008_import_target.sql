-- Why: an import kind may import into one record (an exam's candidates, sites, invigilators); the
-- batch keeps that record's id so that validation, commit and rollback know where the rows belong.
ALTER TABLE "import_batch" ADD COLUMN "target_id" bigint;