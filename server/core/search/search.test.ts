import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, makeIdNumber, type World } from '../../test/world.ts';
import type { Actor } from '../access/index.ts';
import type { Db } from '../db/index.ts';
import { indexAllPeople, indexAllUnits } from './bulk.ts';
import { removeDocument, searchDocuments, segment } from './index.ts';

/**
 * Chinese search: jieba segmentation of names and school names, the index built in bulk and by the
 * modules' operations, and — above all — results that never leave the searcher's scope.
 */
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
let close: () => Promise<void>;
let admin: Client;

function actorWith(role: string, orgId: number): Actor {
  return {
    accountId: 1,
    username: `${role}@${orgId}`,
    displayName: role,
    districtId: world.districtId,
    orgId,
    grants: [{ role, orgId }],
  };
}

const titles = async (actor: Actor, q: string) =>
  (await searchDocuments(db, actor, { q, limit: 50 })).map((h) => h.title);

beforeAll(async () => {
  const env = await testDatabase();
  db = env.db;
  close = env.close;
  world = await buildWorld(db);
  await indexAllUnits(db, world.districtId);
  await indexAllPeople(db, world.districtId);
  app = await testApp(db);
  admin = await loginAs(app.app, 'admin');
});

afterAll(async () => {
  await app?.app.close();
  await close?.();
});

describe('segment', () => {
  it('splits a personal name into surname, given name and characters', () => {
    expect(segment('张小明', { names: ['张小明'] }).sort()).toEqual(
      ['小', '小明', '张', '张小明', '明'].sort(),
    );
    expect(segment('欧阳娜娜', { names: ['欧阳娜娜'] })).toEqual(
      expect.arrayContaining(['欧阳', '娜娜', '欧']),
    );
  });

  it('splits school names into words and keeps latin and digits, lower-cased', () => {
    expect(segment('中关村第一小学')).toEqual(expect.arrayContaining(['中关村', '第一', '小学']));
    expect(segment('首师大二附中 SA1')).toEqual(expect.arrayContaining(['首师大', '附中', 'sa1']));
    expect(segment('人大附中，人大附中！')).toEqual(['人大', '附中', '人大附中']);
  });
});

describe('searchDocuments', () => {
  it('finds a person by full name, surname, given name and a prefix, and a school by its name', async () => {
    const officer = actorWith('districtOfficer', world.districtId);
    expect(await titles(officer, '张小明')).toEqual(['张小明']);
    expect(await titles(officer, '张')).toEqual(expect.arrayContaining(['张小明', '张大明']));
    expect(await titles(officer, '小明')).toEqual(['张小明']);
    expect(await titles(officer, '张小')).toEqual(['张小明']);
    const school = await searchDocuments(db, officer, { q: '中关村第一小学' });
    // The exact title comes first; the school's people follow (their text holds the unit name).
    expect(school[0]).toMatchObject({ entityType: 'orgUnit', title: '中关村第一小学' });
    expect(school[0]!.url).toBe(`/org?id=${world.units.schoolA1}`);
    expect(school.map((h) => h.title)).toEqual(expect.arrayContaining(['张小明', '张大明']));
    expect(await titles(officer, 'sa1')).toEqual(['中关村第一小学']);
  });

  it('never returns a person outside the searcher’s scope', async () => {
    const principalB1 = actorWith('principal', world.units.schoolB1);
    expect(await titles(principalB1, '张小明')).toEqual([]);
    expect(await titles(principalB1, '中关村第一小学')).toEqual([]);
    expect(await titles(principalB1, '李小红')).toEqual(['李小红']);
    const principalA1 = actorWith('principal', world.units.schoolA1);
    expect(await titles(principalA1, '李')).toEqual([]);
  });

  it('gives org.read-only users (supervisor) units but no people', async () => {
    const supervisor = actorWith('supervisor', world.units.zoneA);
    expect(await titles(supervisor, '中关村')).toEqual(
      expect.arrayContaining(['中关村学区', '中关村第一小学', '中关村中学']),
    );
    expect(await titles(supervisor, '张小明')).toEqual([]);
    expect(
      (await searchDocuments(db, supervisor, { q: '中关村' })).every((h) => h.entityType === 'orgUnit'),
    ).toBe(true);
    expect(await titles(actorWith('nothing', world.districtId), '中关村')).toEqual([]);
  });

  it('forgets a removed document', async () => {
    const officer = actorWith('districtOfficer', world.districtId);
    await db.transaction((tx) => removeDocument(tx, 'person', world.people.staffB1));
    expect(await titles(officer, '王老师')).toEqual([]);
  });

  it('ignores queries with nothing to search for', async () => {
    expect(await titles(actorWith('sysAdmin', world.districtId), ' ，！ ')).toEqual([]);
    expect(await titles(actorWith('sysAdmin', world.districtId), "'&|!:*()")).toEqual([]);
  });
});

describe('GET /api/search', () => {
  it('indexes people and units as they are created and changed, and answers in scope', async () => {
    const created = await admin.post('/api/people', {
      kind: 'student',
      orgId: world.units.schoolB1,
      name: '欧阳娜娜',
      idNumber: makeIdNumber('20160101'),
      phone: '13912345678',
      studentNumber: 'G110108201601019',
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    const byName = await admin.get(`/api/search?q=${encodeURIComponent('娜娜')}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items).toEqual([
      {
        entityType: 'person',
        entityId: String(id),
        title: '欧阳娜娜',
        subtitle: '万寿路小学 · 学生',
        url: `/people?id=${id}`,
      },
    ]);
    // ID numbers and phones are never searchable.
    expect((await admin.get('/api/search?q=13912345678')).json().items).toEqual([]);
    expect((await admin.get('/api/search?q=g110108201601019')).json().items).toHaveLength(1);

    await admin.patch(`/api/people/${id}`, { name: '欧阳晓晓' });
    expect((await admin.get(`/api/search?q=${encodeURIComponent('娜娜')}`)).json().items).toEqual([]);
    expect((await admin.get(`/api/search?q=${encodeURIComponent('晓晓')}`)).json().items).toHaveLength(1);

    const unit = await admin.post('/api/org/units', {
      parentId: world.units.zoneB,
      code: 'SB9',
      kind: 'school',
      name: '翠微小学',
      stage: 'primary',
      ownership: 'public',
    });
    expect(unit.statusCode).toBe(200);
    expect((await admin.get(`/api/search?q=${encodeURIComponent('翠微')}`)).json().items[0].title).toBe(
      '翠微小学',
    );

    const principalA1 = await loginAs(app.app, 'principala1');
    expect((await principalA1.get(`/api/search?q=${encodeURIComponent('晓晓')}`)).json().items).toEqual([]);
    expect((await app.app.inject({ method: 'GET', url: '/api/search?q=x' })).statusCode).toBe(401);
    expect((await admin.get('/api/search?limit=500')).statusCode).toBe(400);
  });
});
