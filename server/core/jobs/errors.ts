import { DomainError, describeError, registerErrors } from '../errors.ts';

/** The coded errors of jobs, and the `{ code, message }` a failed job keeps in `job_run.error`. */
registerErrors({
  'job.interrupted': {
    status: 500,
    zh: '任务执行中断（服务重启或进程退出），且无法自动续跑，请重新发起',
    en: 'The job was interrupted (the server restarted or its worker died) and could not be resumed: start it again',
  },
  'job.failed': { status: 500, zh: '任务执行失败', en: 'The job failed' },
  'jobs.not_found': {
    status: 404,
    zh: '任务不存在或不在您的权限范围内',
    en: 'No such job in your scope',
  },
  'jobs.not_cancellable': {
    status: 409,
    zh: '任务已结束，不能取消',
    en: 'The job has already ended and cannot be cancelled',
  },
  'jobs.already_queued': {
    status: 409,
    zh: '同类任务已在排队或执行中',
    en: 'The same job is already queued or running',
  },
});

/** The error a failed job keeps: a code from the catalog, both languages. */
export interface JobError {
  code: string;
  message: string;
  messageEn?: string;
}

export function jobError(error: unknown): JobError {
  if (error instanceof DomainError) {
    const entry = describeError(error.code);
    return { code: error.code, message: entry.zh, messageEn: entry.en };
  }
  if (error instanceof Error && error.name === 'ZodError') {
    const entry = describeError('request.invalid');
    return { code: 'request.invalid', message: entry.zh, messageEn: entry.en };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'job.failed', message: text, messageEn: text };
}
