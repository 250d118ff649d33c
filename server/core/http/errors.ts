import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { TErrorResponse } from '../../../contracts/common.ts';
import { DomainError, describeError } from '../errors.ts';

/**
 * One place maps every failure to a coded JSON error `{ error: { code, message, messageEn, field? } }`.
 * Bad input is a 4xx with the field at fault; only our own faults are 500s, and they are logged.
 */

function body(code: string, extra: Partial<TErrorResponse['error']> = {}): TErrorResponse {
  const entry = describeError(code);
  return { error: { code, message: entry.zh, messageEn: entry.en, ...extra } };
}

const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_VALIDATION: 'request.invalid',
};

const pgCodes: Record<string, string> = {
  '22P02': 'request.invalid', // invalid text representation
  '22003': 'request.invalid', // numeric value out of range
  '22007': 'request.invalid', // invalid datetime format
  '22008': 'request.invalid', // datetime field overflow
  '23514': 'request.invalid', // check constraint
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, req, reply) => {
    if (error instanceof DomainError) {
      const { field, ...rest } = error.details;
      req.log.info({ code: error.code, ...rest }, 'refused');
      return reply.status(describeError(error.code).status).send(body(error.code, field ? { field } : {}));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      const first = error.validation[0];
      const field = first
        ? String(first.instancePath).split('/').filter(Boolean).join('.') || undefined
        : undefined;
      return reply.status(400).send(body('request.invalid', { field, issues }));
    }
    const mapped = error.code ? (fastifyCodes[error.code] ?? pgCodes[error.code]) : undefined;
    if (mapped) return reply.status(describeError(mapped).status).send(body(mapped));
    if (error.statusCode === 429) return reply.status(429).send(body('auth.rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('request.invalid'));
    }
    if (isResponseSerializationError(error))
      req.log.error({ issues: error.cause.issues }, 'response does not match its contract');
    req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal.error'));
  });
}

export function errorBody(code: string): TErrorResponse {
  return body(code);
}
