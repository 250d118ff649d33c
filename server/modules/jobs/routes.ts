import { z } from 'zod';
import {
  ZJobId,
  ZJobList,
  ZJobListQuery,
  ZJobRun,
  ZJobStarted,
  ZSelfTestJobRequest,
} from '../../../contracts/jobs.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { enqueueJob, registerSelfTestJob, SELF_TEST_KIND } from '../../core/jobs/index.ts';
import { cancelJob } from './cancel-job.ts';
import { getJob } from './get-job.ts';
import { listJobs } from './list-jobs.ts';

const tags = ['jobs'];
const ZJobParams = z.object({ id: ZJobId });

export const jobRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/jobs',
    summary: 'My jobs (mine=true, default) or every job I may see, newest first',
    tags,
    access: 'session',
    query: ZJobListQuery,
    response: ZJobList,
    handler: ({ actor, tx, query }) => listJobs({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/jobs/:id',
    summary: "A job's status, stage, progress and outcome (its creator, or oversight of its unit)",
    tags,
    access: 'session',
    params: ZJobParams,
    response: ZJobRun,
    handler: ({ actor, tx, params }) => getJob({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/jobs/:id/cancel',
    summary: 'Cancel a queued job (a running one stops at its next progress report)',
    tags,
    access: 'session',
    params: ZJobParams,
    response: ZJobRun,
    handler: ({ actor, tx, params }) => cancelJob({ actor, tx, input: params }),
  }),
];

/**
 * Test servers only (EDUGOV_TEST_JOBS=1): start `platform.selfTest`, so that a test can kill the
 * server mid-job and watch the job resume. Never registered otherwise.
 */
export const selfTestRoute = defineRoute({
  method: 'POST',
  url: '/api/jobs/self-test',
  summary: 'Test servers only: start a counting job',
  tags,
  access: 'accounts.manage',
  body: ZSelfTestJobRequest,
  response: ZJobStarted,
  handler: async ({ actor, tx, body }) => {
    registerSelfTestJob();
    return { id: await enqueueJob(tx, actor, SELF_TEST_KIND, body, { orgId: actor.orgId }) };
  },
});
