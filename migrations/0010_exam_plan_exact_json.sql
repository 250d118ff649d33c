-- Why: a plan version's instance and result must keep the exact bytes their hashes were computed over;
-- jsonb reorders object keys, so re-hashing a stored plan gave a different result hash.
ALTER TABLE "exam_plan" ALTER COLUMN "instance" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "exam_plan" ALTER COLUMN "plan" SET DATA TYPE json;