-- Why: the hand-over from enrollment (录取名单转学籍) enters each admitted child with its September intake;
-- a re-run finds the children already entered for that intake and leaves them (and what schools changed since) alone.
ALTER TABLE "person" ADD COLUMN "entry_date" date;