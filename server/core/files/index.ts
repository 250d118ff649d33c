import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { fileTypeFromFile } from 'file-type';
import type { TFileMeta } from '../../../contracts/files.ts';
import { type Actor, authorize, type Permission } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { readConfig } from '../config.ts';
import type { Executor, Tx } from '../db/index.ts';
import { orgUnit } from '../db/schema.ts';
import { DomainError, registerErrors } from '../errors.ts';
import { fileObject } from './schema.ts';

/**
 * Attachments. Content lives under `<root>/<sha[0:2]>/<sha256>` (root: DATA_DIR/files), written to
 * a temporary file, fsynced and renamed, so a crash never leaves half a file under its hash; equal
 * content is stored once. The type is detected from the bytes (file-type), never from the name.
 * Every upload and download is authorised at the file's org unit and audited.
 */

export { fileObject } from './schema.ts';

registerErrors({
  'files.type_not_allowed': {
    status: 400,
    zh: '文件类型不允许或与文件扩展名不符（按文件内容识别）',
    en: 'This file type is not allowed, or does not match the file name (checked from the content)',
  },
  'files.too_large': { status: 413, zh: '文件超过大小上限', en: 'The file is larger than allowed' },
  'files.not_found': {
    status: 404,
    zh: '文件不存在或不在您的权限范围内',
    en: 'No such file in your scope',
  },
  'files.purpose_unknown': { status: 400, zh: '未知的文件用途', en: 'Unknown file purpose' },
  'files.missing': { status: 400, zh: '请选择要上传的文件', en: 'Choose a file to upload' },
});

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

let root: string | undefined;

/** Set the files root at start-up (DATA_DIR/files); unset, it follows DATA_DIR from the environment. */
export function configureFiles(options: { root: string }): void {
  root = path.resolve(options.root);
}

export function filesRoot(): string {
  root ??= path.join(readConfig().dataDir, 'files');
  return root;
}

/** Where the content of a stored file lives (by its SHA-256). */
export function storedFilePath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return path.join(filesRoot(), sha256.slice(0, 2), sha256);
}

/** What a purpose allows: who uploads and downloads (at the file's org unit), which types, how big. */
export interface FilePurpose {
  upload: Permission;
  download: Permission;
  allowed: string[];
  maxBytes: number;
}

const purposes = new Map<string, FilePurpose>([
  // 附件: a general attachment of a unit, for anyone who works in it.
  [
    'attachment',
    {
      upload: 'org.read',
      download: 'org.read',
      allowed: ['xlsx', 'docx', 'pdf', 'png', 'jpg'],
      maxBytes: DEFAULT_MAX_BYTES,
    },
  ],
]);

/** Modules declare their purposes (`people.photo`, `cases.evidence` …) with stricter rules. */
export function registerFilePurpose(name: string, purpose: FilePurpose): void {
  if (purposes.has(name)) throw new Error(`file purpose ${name} registered twice`);
  purposes.set(name, purpose);
}

export function filePurpose(name: string): FilePurpose {
  const purpose = purposes.get(name);
  if (!purpose) throw new DomainError('files.purpose_unknown', { field: 'purpose' });
  return purpose;
}

const mimeOf: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
};

/** Names that mean the same type as the detected extension. */
const aliases: Record<string, string> = { jpeg: 'jpg', tif: 'tiff' };

async function detect(file: string, allowed: string[]): Promise<{ ext: string; mime: string } | undefined> {
  const found = await fileTypeFromFile(file);
  if (found) return { ext: found.ext, mime: found.mime };
  // Plain text has no signature: accept it only for text types, and only if it is UTF-8 without NULs.
  const textType = allowed.find((t) => t === 'csv' || t === 'txt');
  if (!textType) return undefined;
  const head = Buffer.alloc(64 * 1024);
  const handle = await fs.promises.open(file, 'r');
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const sample = head.subarray(0, bytesRead);
  if (sample.includes(0)) return undefined;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, bytesRead - 4)));
  } catch {
    return undefined;
  }
  return { ext: textType, mime: mimeOf[textType]! };
}

function nameExt(fileName: string): string {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  return aliases[ext] ?? ext;
}

export interface StoreFileInput {
  tx: Tx;
  actor: Actor;
  orgId: number;
  purpose: string;
  fileName: string;
  stream?: Readable | AsyncIterable<Buffer>;
  buffer?: Buffer;
  /** Defaults to the purpose's types and limit. */
  allowed?: string[];
  maxBytes?: number;
  entityType?: string;
  entityId?: string;
}

/**
 * Store an upload: authorise (purpose's upload permission at `orgId`), hash and count while
 * writing, refuse oversized (`files.too_large`) and wrongly typed (`files.type_not_allowed`)
 * content, keep one copy per hash, insert `file_object`, audit `files.upload`.
 */
export async function storeFile(input: StoreFileInput): Promise<TFileMeta> {
  const { tx, actor, orgId } = input;
  const purpose = filePurpose(input.purpose);
  await authorize(tx, actor, purpose.upload, orgId, 'org.unit_not_found');
  const allowed = (input.allowed ?? purpose.allowed).map((t) => aliases[t] ?? t);
  const maxBytes = input.maxBytes ?? purpose.maxBytes;
  const source = input.stream ?? (input.buffer ? [input.buffer] : undefined);
  if (!source) throw new DomainError('files.missing', { field: 'file' });

  const base = filesRoot();
  const tmpDir = path.join(base, 'tmp');
  await fs.promises.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let kept = false;
  try {
    const handle = await fs.promises.open(tmp, 'wx', 0o600);
    try {
      let limited = false;
      (source as Readable).on?.('limit', () => {
        limited = true; // multipart cut the part at its own limit
      });
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw new DomainError('files.too_large', { maxBytes });
        hash.update(chunk);
        await handle.write(chunk);
      }
      if (limited || (source as { truncated?: boolean }).truncated)
        throw new DomainError('files.too_large', { maxBytes });
      await handle.sync();
    } finally {
      await handle.close();
    }
    const type = await detect(tmp, allowed);
    if (!type || !allowed.includes(type.ext) || nameExt(input.fileName) !== type.ext) {
      throw new DomainError('files.type_not_allowed', {
        field: 'file',
        detected: type?.ext ?? null,
        allowed,
      });
    }
    const sha256 = hash.digest('hex');
    const finalDir = path.join(base, sha256.slice(0, 2));
    const finalPath = path.join(finalDir, sha256);
    await fs.promises.mkdir(finalDir, { recursive: true });
    if (fs.existsSync(finalPath)) {
      await fs.promises.rm(tmp, { force: true }); // the same content is already stored
    } else {
      await fs.promises.rename(tmp, finalPath);
      await fsyncDir(finalDir);
    }
    kept = true;
    const [unit] = await tx
      .select({ districtId: orgUnit.districtId })
      .from(orgUnit)
      .where(eq(orgUnit.id, orgId));
    const [row] = await tx
      .insert(fileObject)
      .values({
        districtId: unit?.districtId ?? actor.districtId ?? orgId,
        orgId,
        sha256,
        size,
        mime: type.mime,
        originalName: path.basename(input.fileName).slice(0, 255),
        purpose: input.purpose,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        createdBy: actor.accountId,
      })
      .returning();
    const meta = presentFile(row!);
    await recordAudit(tx, actor, {
      action: 'files.upload',
      entityType: 'file',
      entityId: meta.id,
      orgId,
      after: { name: meta.originalName, purpose: meta.purpose, sha256, size, mime: meta.mime },
    });
    return meta;
  } finally {
    if (!kept) await fs.promises.rm(tmp, { force: true });
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

function presentFile(row: typeof fileObject.$inferSelect): TFileMeta {
  const ext = extOfMime[row.mime] ?? nameExt(row.originalName);
  return {
    id: row.id,
    orgId: row.orgId,
    purpose: row.purpose,
    originalName: row.originalName,
    mime: row.mime,
    ext,
    size: row.size,
    sha256: row.sha256,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

const extOfMime: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'text/csv': 'csv',
  'text/plain': 'txt',
};

/**
 * A file's metadata, authorised by `permission` (default: its purpose's download permission) at
 * its org unit; out of scope it is "not found".
 */
export async function getFileMeta(
  tx: Executor,
  actor: Actor,
  id: number,
  permission?: Permission,
): Promise<TFileMeta> {
  const [row] = await tx.select().from(fileObject).where(eq(fileObject.id, id));
  if (!row) throw new DomainError('files.not_found');
  const needed = permission ?? purposes.get(row.purpose)?.download;
  if (!needed) throw new DomainError('files.not_found');
  await authorize(tx, actor, needed, row.orgId, 'files.not_found');
  return presentFile(row);
}

/** Open a file for download: authorised as `getFileMeta`, audited as `files.download`. */
export async function openFile(
  tx: Tx,
  actor: Actor,
  id: number,
  permission?: Permission,
): Promise<{ meta: TFileMeta; stream: fs.ReadStream }> {
  const meta = await getFileMeta(tx, actor, id, permission);
  const file = path.join(filesRoot(), meta.sha256.slice(0, 2), meta.sha256);
  if (!fs.existsSync(file)) throw new DomainError('files.not_found');
  await recordAudit(tx, actor, {
    action: 'files.download',
    entityType: 'file',
    entityId: meta.id,
    orgId: meta.orgId,
    after: { name: meta.originalName, sha256: meta.sha256 },
  });
  return { meta, stream: fs.createReadStream(file) };
}

/** `attachment; filename="…"; filename*=UTF-8''…`: ASCII fallback plus the real (Chinese) name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
