import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { storedFilePath } from '../../core/files/index.ts';
import { commitImport, stageImport } from '../../core/imports/pipeline.ts';
import { importRow } from '../../core/imports/schema.ts';
import { defineJob } from '../../core/jobs/index.ts';

/** The two long steps of an import run as jobs: validating the uploaded file, and committing it. */
export const stageJob = defineJob({
  kind: 'imports.stage',
  input: z.object({ batchId: z.number().int(), sha256: z.string() }),
  resumeLimit: 1,
  run: async ({ input, db, actor, progress }) => {
    // A resumed run starts over: staged rows of the lost attempt are replaced.
    await db.delete(importRow).where(eq(importRow.batchId, input.batchId));
    return stageImport(db, actor, input.batchId, storedFilePath(input.sha256), (p) => progress(p));
  },
});

export const commitJob = defineJob({
  kind: 'imports.commit',
  input: z.object({ batchId: z.number().int() }),
  resumeLimit: 1,
  run: async ({ input, db, actor, progress }) => {
    return db.transaction((tx) => commitImport(tx, actor, input.batchId, (p) => progress(p)));
  },
});
