-- Why: a draw keeps its frozen pool itself (the entries hashed into its Merkle root), so later edits to
-- applications can never change what was published before the draw; json keeps the exact bytes.
ALTER TABLE "enrollment_draw" ADD COLUMN "pool" json;