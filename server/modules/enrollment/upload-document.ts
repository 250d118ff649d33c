import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { ZDocumentKind } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { storeFile } from '../../core/files/index.ts';
import { multipartFields } from '../../core/http/multipart.ts';
import { getApplication } from './get-application.ts';
import { applicationActions, loadApplication } from './policy.ts';
import { enrollmentApplication } from './schema.ts';

/**
 * A family uploads one document of its application (multipart: `kind`, then the file), stored by
 * the platform's files service under the purpose `enrollment.document` at the application's 学区:
 * the parent uploads (enrollment.apply), reviewers there download (enrollment.review).
 */
export async function uploadDocument({
  actor,
  tx,
  req,
  id,
}: {
  actor: Actor;
  tx: Tx;
  req: FastifyRequest;
  id: number;
}) {
  if (!req.isMultipart()) throw new DomainError('request.unsupported_media_type');
  const file = await req.file();
  if (!file) throw new DomainError('files.missing', { field: 'file' });
  const kind = ZDocumentKind.safeParse(multipartFields(file).kind);
  const view = await loadApplication(tx, actor, id, { forUpdate: true }).catch((error) => {
    file.file.resume();
    throw error;
  });
  if (!kind.success || !view.owner || !(await applicationActions(tx, actor, view)).includes('upload')) {
    file.file.resume();
    if (!kind.success) throw new DomainError('request.invalid', { field: 'kind' });
    throw new DomainError(view.owner ? 'enrollment.wrong_status' : 'enrollment.application_not_found');
  }
  const meta = await storeFile({
    tx,
    actor,
    orgId: view.row.orgId,
    purpose: 'enrollment.document',
    fileName: file.filename,
    stream: file.file,
    entityType: 'enrollmentApplication',
    entityId: String(id),
  });
  const documents = [
    ...(view.row.documents as { kind: string; fileId: number; name: string }[]).filter(
      (d) => d.kind !== kind.data,
    ),
    { kind: kind.data, fileId: meta.id, name: meta.originalName },
  ];
  await tx
    .update(enrollmentApplication)
    .set({ documents, updatedAt: new Date() })
    .where(eq(enrollmentApplication.id, id));
  await recordAudit(tx, actor, {
    action: 'enrollment.upload_document',
    entityType: 'enrollmentApplication',
    entityId: id,
    orgId: view.row.orgId,
    districtId: view.row.districtId,
    after: { kind: kind.data, fileId: meta.id, sha256: meta.sha256 },
  });
  return getApplication({ actor, tx, input: { id } });
}
