import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { configureFiles } from '../../core/files/index.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, type World } from '../../test/world.ts';

/**
 * Files: uploads are typed by their content (a renamed executable is refused), limited in size,
 * stored by hash; downloads are authorised at the file's unit (another school gets 404) and audited.
 */
let db: Db;
let close: () => Promise<void>;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-files-'));

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  configureFiles({ root });
  app = await testApp(db);
});
afterAll(async () => {
  await app.app.close();
  await close();
  fs.rmSync(root, { recursive: true, force: true });
});

function upload(
  fastify: FastifyInstance,
  client: Client,
  fields: Record<string, string | number>,
  file: { name: string; content: Buffer },
) {
  const boundary = `----edugov${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        'content-type: application/octet-stream\r\n\r\n',
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return fastify.inject({
    method: 'POST',
    url: '/api/files',
    headers: {
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('名单').addRow(['姓名', '学籍号']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('files', () => {
  it('stores an xlsx by its hash, with size, and lets the school download it (audited)', async () => {
    const principal = await loginAs(app.app, 'principala1');
    const content = await xlsx();
    const res = await upload(
      app.app,
      principal,
      { purpose: 'attachment', orgId: world.units.schoolA1 },
      { name: '学生名单.xlsx', content },
    );
    expect(res.statusCode, res.body).toBe(200);
    const meta = res.json();
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(meta).toMatchObject({
      orgId: world.units.schoolA1,
      originalName: '学生名单.xlsx',
      ext: 'xlsx',
      size: content.length,
      sha256,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(fs.readFileSync(path.join(root, sha256.slice(0, 2), sha256))).toEqual(content);

    const again = await upload(
      app.app,
      principal,
      { purpose: 'attachment', orgId: world.units.schoolA1 },
      { name: 'copy.xlsx', content },
    );
    expect(again.json().id).not.toBe(meta.id);
    expect(fs.readdirSync(path.join(root, sha256.slice(0, 2)))).toEqual([sha256]); // stored once

    const staff = await loginAs(app.app, 'staffa1');
    const download = await staff.get(`/api/files/${meta.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(content);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E5%AD%A6");
    const audited = await db.execute<{ action: string; actor_name: string }>(
      sql`SELECT action, actor_name FROM audit_event WHERE entity_type = 'file' AND entity_id = ${String(meta.id)} ORDER BY seq`,
    );
    expect(audited.rows).toEqual([
      { action: 'files.upload', actor_name: 'principala1' },
      { action: 'files.download', actor_name: 'staffa1' },
    ]);
    expect((await staff.get(`/api/files/${meta.id}/meta`)).json()).toMatchObject({
      sha256,
      size: content.length,
    });
  });

  it('refuses a renamed executable (Windows MZ, Linux ELF) as files.type_not_allowed', async () => {
    const principal = await loginAs(app.app, 'principala1');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
    for (const content of [exe, elf]) {
      const res = await upload(
        app.app,
        principal,
        { purpose: 'attachment', orgId: world.units.schoolA1 },
        { name: 'x.xlsx', content },
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('files.type_not_allowed');
    }
    // A real PDF named .xlsx does not match its name either.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const mismatch = await upload(
      app.app,
      principal,
      { purpose: 'attachment', orgId: world.units.schoolA1 },
      { name: 'report.xlsx', content: pdf },
    );
    expect(mismatch.json().error.code).toBe('files.type_not_allowed');
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]); // no temporary file left behind
  });

  it('refuses a file over the limit with 413 files.too_large', async () => {
    const principal = await loginAs(app.app, 'principala1');
    const big = Buffer.concat([await xlsx(), Buffer.alloc(21 * 1024 * 1024)]);
    const res = await upload(
      app.app,
      principal,
      { purpose: 'attachment', orgId: world.units.schoolA1 },
      { name: 'big.xlsx', content: big },
    );
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.code).toBe('files.too_large');
  });

  it("hides school A1's file from a user of school B1 (404), for download and metadata", async () => {
    const principalA = await loginAs(app.app, 'principala1');
    const meta = (
      await upload(
        app.app,
        principalA,
        { purpose: 'attachment', orgId: world.units.schoolA1 },
        { name: 'a1.xlsx', content: await xlsx() },
      )
    ).json();
    const principalB = await loginAs(app.app, 'principalb1');
    for (const url of [`/api/files/${meta.id}`, `/api/files/${meta.id}/meta`]) {
      const res = await principalB.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('files.not_found');
    }
    // Nor may B1 upload into A1.
    const intoA = await upload(
      app.app,
      principalB,
      { purpose: 'attachment', orgId: world.units.schoolA1 },
      { name: 'b.xlsx', content: await xlsx() },
    );
    expect(intoA.statusCode).toBe(404);
    // The zone A manager oversees A1 and may read it.
    expect((await (await loginAs(app.app, 'zonea')).get(`/api/files/${meta.id}`)).statusCode).toBe(200);
  });

  it('answers a non-multipart upload and missing fields with coded 4xx', async () => {
    const principal = await loginAs(app.app, 'principala1');
    expect((await principal.post('/api/files', { orgId: 1 })).json().error.code).toBe(
      'request.unsupported_media_type',
    );
    const noOrg = await upload(
      app.app,
      principal,
      { purpose: 'attachment' },
      { name: 'a.xlsx', content: await xlsx() },
    );
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error).toMatchObject({ code: 'request.invalid', field: 'orgId' });
    const unknown = await upload(
      app.app,
      principal,
      { purpose: 'nope', orgId: world.units.schoolA1 },
      { name: 'a.xlsx', content: await xlsx() },
    );
    expect(unknown.json().error.code).toBe('files.purpose_unknown');
  });
});
