-- Why: keep person_count exact in the same transaction as every change to person. Statement-level
-- triggers with transition tables aggregate a whole statement (a 60k-row COPY of the demo, an import
-- batch) into one upsert per group instead of one per row.
CREATE FUNCTION person_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_count AS c (org_id, kind, status, grade, n)
  SELECT org_id, kind, status, coalesce(grade, -1), count(*) FROM new_rows GROUP BY 1, 2, 3, 4
  ON CONFLICT (org_id, kind, status, grade) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION person_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_count AS c (org_id, kind, status, grade, n)
  SELECT org_id, kind, status, coalesce(grade, -1), -count(*) FROM old_rows GROUP BY 1, 2, 3, 4
  ON CONFLICT (org_id, kind, status, grade) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION person_count_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_count AS c (org_id, kind, status, grade, n)
  SELECT org_id, kind, status, grade, sum(delta) FROM (
    SELECT org_id, kind, status, coalesce(grade, -1) AS grade, 1 AS delta FROM new_rows
    UNION ALL
    SELECT org_id, kind, status, coalesce(grade, -1), -1 FROM old_rows
  ) d GROUP BY 1, 2, 3, 4
  HAVING sum(delta) <> 0
  ON CONFLICT (org_id, kind, status, grade) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER person_count_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_count_after_insert();
--> statement-breakpoint
CREATE TRIGGER person_count_delete AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_count_after_delete();
--> statement-breakpoint
CREATE TRIGGER person_count_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION person_count_after_update();
--> statement-breakpoint
-- Existing people (a database migrated after people were loaded).
INSERT INTO person_count (org_id, kind, status, grade, n)
SELECT org_id, kind, status, coalesce(grade, -1), count(*) FROM person GROUP BY 1, 2, 3, 4;
