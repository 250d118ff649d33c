import { z } from 'zod';
import { ZId } from '../../../contracts/common.ts';
import { ZFileMeta, ZUploadFileFields } from '../../../contracts/files.ts';
import { DomainError } from '../../core/errors.ts';
import { contentDisposition, getFileMeta, openFile, storeFile } from '../../core/files/index.ts';
import { multipartFields } from '../../core/http/multipart.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';

const tags = ['files'];
const ZIdParams = z.object({ id: ZId });

export const fileRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/files',
    summary: 'Upload a file (multipart: purpose, orgId, then file); type checked from the content',
    tags,
    access: 'session',
    response: ZFileMeta,
    handler: async ({ actor, tx, req }) => {
      if (!req.isMultipart()) throw new DomainError('request.unsupported_media_type');
      const file = await req.file();
      if (!file) throw new DomainError('files.missing', { field: 'file' });
      const parsed = ZUploadFileFields.safeParse(multipartFields(file));
      if (!parsed.success) {
        file.file.resume(); // drain, so the request completes
        throw new DomainError('request.invalid', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
      }
      return storeFile({
        tx,
        actor,
        orgId: parsed.data.orgId,
        purpose: parsed.data.purpose,
        fileName: file.filename,
        stream: file.file,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/files/:id/meta',
    summary: "A file's name, type, size and hash (in scope only)",
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZFileMeta,
    handler: ({ actor, tx, params }) => getFileMeta(tx, actor, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/files/:id',
    summary: 'Download a file (in scope only; audited)',
    tags,
    access: 'session',
    writes: true,
    params: ZIdParams,
    handler: async ({ actor, tx, params, reply }) => {
      const { meta, stream } = await openFile(tx, actor, params.id);
      reply
        .header('content-type', meta.mime)
        .header('content-length', meta.size)
        .header('content-disposition', contentDisposition(meta.originalName))
        .header('cache-control', 'private, no-store');
      return reply.send(stream);
    },
  }),
];
