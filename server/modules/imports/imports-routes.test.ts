import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { configureFiles } from '../../core/files/index.ts';
import { startJobWorkers, stopJobWorkers } from '../../core/jobs/index.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, makeIdNumber } from '../../test/world.ts';

/** The import center over HTTP: template, multipart upload, validation job, preview, commit job, rollback. */
let db: Db;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof testApp>>;
let principal: Client;
let otherPrincipal: Client;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  const t = await testDatabase();
  ({ db, close } = t);
  world = await buildWorld(db);
  configureFiles({ root: `/tmp/edugov-files-${process.pid}` });
  await startJobWorkers({ db, url: t.url, pollingIntervalSeconds: 0.5, log: () => {} });
  app = await testApp(db);
  principal = await loginAs(app.app, 'principala1');
  otherPrincipal = await loginAs(app.app, 'principalb1');
});
afterAll(async () => {
  await app.app.close();
  await stopJobWorkers();
  await close();
});

async function staffSheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('教职工');
  sheet.addRow(['姓名', '性别', '身份证号', '单位代码', '手机号', '岗位', '学科']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----edugov${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: Client, kind: string, orgId: number, name: string, content: Buffer) {
  const body = multipart({ kind, orgId: String(orgId) }, { name, content });
  return app.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function settle(client: Client, id: number, until: string[]) {
  for (let i = 0; i < 120; i++) {
    const batch = (await client.get(`/api/imports/${id}`)).json();
    if (until.includes(batch.status)) return batch;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`batch ${id} did not reach ${until}`);
}

describe('import center', () => {
  it('serves the template of each kind the user may import', async () => {
    const kinds = (await principal.get('/api/imports/kinds')).json();
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['staff', 'student']));
    const template = await principal.get('/api/imports/templates/staff');
    expect(template.statusCode).toBe(200);
    expect(template.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await principal.get('/api/imports/templates/nope')).json().error.code).toBe(
      'imports.unknown_kind',
    );
  });

  it('validates in a job, shows row errors, refuses to commit, then commits the fixed file and rolls it back', async () => {
    const id = makeIdNumber('19880808');
    const bad = await upload(
      principal,
      'staff',
      world.units.schoolA1,
      '教职工.xlsx',
      await staffSheet([
        ['周老师', '女', id, 'SA1', '13911112222', '教师', '英语'],
        ['吴老师', '男', '12345', 'SA1', '', '教师', ''],
      ]),
    );
    expect(bad.statusCode, bad.body).toBe(200);
    const staged = await settle(principal, bad.json().batch.id, ['validated', 'failed']);
    expect(staged).toMatchObject({
      status: 'validated',
      totalRows: 2,
      validRows: 1,
      errorRows: 1,
      actions: [],
    });
    const errors = (await principal.get(`/api/imports/${staged.id}/rows?errorsOnly=true`)).json();
    expect(errors.total).toBe(1);
    expect(errors.items[0].errors[0]).toMatchObject({ column: '身份证号', code: 'people.id_number_invalid' });
    const all = (await principal.get(`/api/imports/${staged.id}/rows`)).json();
    expect(JSON.stringify(all)).not.toContain(id);
    // Valid and invalid rows come back in one shape: the cells as typed, personal data masked.
    for (const row of all.items) {
      expect(Object.keys(row.data).sort()).toEqual([
        'gender',
        'idNumber',
        'name',
        'phone',
        'position',
        'subject',
        'unitCode',
      ]);
      expect(row.data.unitCode).toBe('SA1');
    }
    expect(all.items[0].data).toMatchObject({
      gender: '女',
      idNumber: expect.stringMatching(/^\d{6}\*{8}[\dX]{4}$/),
    });
    const refused = await principal.post(`/api/imports/${staged.id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('imports.has_errors');

    const good = await upload(
      principal,
      'staff',
      world.units.schoolA1,
      '教职工-修正.xlsx',
      await staffSheet([
        ['周老师', '女', id, 'SA1', '13911112222', '教师', '英语'],
        ['吴老师', '男', makeIdNumber('19870707'), 'SA1', '', '教师', ''],
      ]),
    );
    const ready = await settle(principal, good.json().batch.id, ['validated', 'failed']);
    expect(ready.actions).toEqual(['commit']);
    // Another school's principal cannot see or commit it.
    expect((await otherPrincipal.get(`/api/imports/${ready.id}`)).statusCode).toBe(404);
    expect((await otherPrincipal.post(`/api/imports/${ready.id}/commit`)).statusCode).toBe(404);
    const started = await principal.post(`/api/imports/${ready.id}/commit`);
    expect(started.statusCode, started.body).toBe(200);
    const committed = await settle(principal, ready.id, ['committed']);
    expect(committed.committedRows).toBe(2);
    const found = (await principal.get(`/api/people?q=${encodeURIComponent('周老师')}`)).json();
    expect(found.total).toBe(1);
    const job = (await principal.get(`/api/jobs/${started.json().jobId}`)).json();
    expect(job.status).toBe('succeeded');
    const rolled = await principal.post(`/api/imports/${ready.id}/rollback`);
    expect(rolled.json().status).toBe('rolledBack');
    expect((await principal.get(`/api/people?q=${encodeURIComponent('周老师')}`)).json().total).toBe(0);
    const audit = await db.execute(
      sql`SELECT action FROM audit_event WHERE entity_type = 'importBatch' AND entity_id = ${String(ready.id)} ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['imports.upload', 'imports.commit', 'imports.rollback']);
  });

  it('lists batches in scope, sorted on the server, and refuses an unknown sort field', async () => {
    const byRows = (await principal.get('/api/imports?sort=-totalRows')).json();
    expect(byRows.total).toBeGreaterThan(0);
    const counts = byRows.items.map((b: { totalRows: number }) => b.totalRows);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect((await otherPrincipal.get('/api/imports')).json().total).toBe(0);
    const bad = await principal.get('/api/imports?sort=password');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('sort');
  });

  it('refuses an executable renamed .xlsx and a unit outside scope', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]);
    const res = await upload(principal, 'staff', world.units.schoolA1, 'staff.xlsx', exe);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('files.type_not_allowed');
    const outside = await upload(
      principal,
      'staff',
      world.units.schoolB1,
      'staff.xlsx',
      await staffSheet([]),
    );
    expect([403, 404]).toContain(outside.statusCode);
  });
});
