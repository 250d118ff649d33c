import { BRANDS, PLACES, pad, REAL_SCHOOLS, ZONES } from './names.ts';
import type { Planner } from './plan.ts';

/**
 * 370 schools (real Haidian names first, then generated ones) and 332 kindergartens and
 * community sites, spread over the 17 zones, with capacities and planned head-counts.
 */

const SCHOOL_STAGES: readonly [stage: string, schools: number, privateOnes: number][] = [
  ['primary', 200, 14],
  ['junior', 30, 8],
  ['senior', 12, 0],
  ['complete', 62, 2],
  ['nineYear', 40, 4],
  ['twelveYear', 14, 2],
  ['vocational', 8, 0],
  ['special', 4, 0],
];
const MEAN_SIZE: Record<string, number> = {
  ...{ primary: 650, junior: 640, senior: 980, complete: 1150, nineYear: 1000, twelveYear: 1650 },
  ...{ vocational: 640, special: 150, preschool: 230 },
};
const SUFFIX: Record<string, readonly string[]> = {
  primary: ['小学', '中心小学', '第二小学', '实验小学'],
  junior: ['中学', '第二中学', '实验中学'],
  senior: ['高级中学', '中学'],
  complete: ['中学', '第一中学', '实验中学'],
  nineYear: ['学校', '实验学校'],
  twelveYear: ['学校', '实验学校'],
  vocational: ['职业学校', '职业技术学校'],
  special: ['特殊教育学校', '培智学校'],
};
const PRIVATE_SUFFIX = ['外国语学校', '实验学校', '双语学校', '国际学校'];
const KG_SUFFIX = ['幼儿园', '幼儿园', '第二幼儿园', '实验幼儿园', '中心幼儿园'];
const SITE_PARTS = ['', '东里', '西里', '南里', '北里', '一区', '二区'];
const KINDERGARTENS = 250;
const PUBLIC_KINDERGARTENS = 130;
const COMMUNITY_SITES = 82;
/** 普惠: every public kindergarten and this many community sites (130 + 43 = 173). */
const SUBSIDISED_SITES = 43;

function helpers(plan: Planner) {
  const { rng } = plan;
  return {
    place: (zone: number) => (rng.chance(0.3) ? plan.street(zone) : rng.pick(PLACES)),
    opened: () => (rng.chance(0.9) ? '2000-01-01' : `${rng.int(2001, 2022)}-09-01`),
    capacity: (stage: string) =>
      Math.max(60, rng.around(MEAN_SIZE[stage]!, MEAN_SIZE[stage]! * 0.35, 0, 4000)),
  };
}

export function planSchools(plan: Planner): void {
  const { rng } = plan;
  const { place, opened, capacity } = helpers(plan);
  const schools: { name: string; zone: number; stage: string; ownership: 'public' | 'private' }[] = [];
  for (const [name, zone, stage] of REAL_SCHOOLS) {
    schools.push({ name: plan.unique(() => name), zone, stage, ownership: 'public' });
  }
  for (const [stage, count, privateOnes] of SCHOOL_STAGES) {
    const real = schools.filter((s) => s.stage === stage).length;
    for (let i = 0; i < count - real; i++) {
      const zone = rng.int(0, ZONES.length - 1);
      const ownership = i < privateOnes ? 'private' : 'public';
      const name = plan.unique(() =>
        ownership === 'private'
          ? `北京市海淀区${rng.pick(BRANDS)}${rng.pick(PRIVATE_SUFFIX)}`
          : `海淀区${place(zone)}${rng.pick(SUFFIX[stage]!)}`,
      );
      schools.push({ name, zone, stage, ownership });
    }
  }
  rng.shuffle(schools);
  schools.sort((a, b) => a.zone - b.zone);
  schools.forEach((s, i) => {
    const seats = capacity(s.stage);
    const students = Math.round(seats * (0.82 + rng.next() * 0.16));
    const staff = Math.max(12, Math.round(students * (0.19 + rng.next() * 0.06)));
    const unit = { code: `XX${pad(i + 1, 4)}`, kind: 'school' as const, capacity: seats, openedOn: opened() };
    plan.add({ ...unit, ...s, students, staff });
  });
}

export function planKindergartens(plan: Planner): void {
  const { rng } = plan;
  const { place, opened, capacity } = helpers(plan);
  const subsidisedSites = rng.shuffle(
    Array.from({ length: COMMUNITY_SITES }, (_, i) => i < SUBSIDISED_SITES),
  );
  for (let i = 0; i < KINDERGARTENS + COMMUNITY_SITES; i++) {
    const zone = i % ZONES.length;
    const site = i >= KINDERGARTENS;
    const ownership = site || i >= PUBLIC_KINDERGARTENS ? 'private' : 'public';
    const name = plan.unique(() =>
      site
        ? `${place(zone)}${rng.pick(SITE_PARTS)}社区办园点`
        : ownership === 'public'
          ? `海淀区${place(zone)}${rng.pick(KG_SUFFIX)}`
          : `北京${rng.pick(BRANDS)}${place(zone)}幼儿园`,
    );
    const seats = site ? rng.int(30, 90) : capacity('preschool');
    const students = Math.round(seats * (0.8 + rng.next() * 0.18));
    plan.add({
      code: site ? `SQ${pad(i - KINDERGARTENS + 1, 3)}` : `YE${pad(i + 1, 3)}`,
      kind: site ? 'communitySite' : 'kindergarten',
      ...{ name, zone, stage: 'preschool', ownership, capacity: seats, openedOn: opened() },
      subsidised: ownership === 'public' || (site && subsidisedSites[i - KINDERGARTENS]!),
      students,
      staff: Math.max(4, Math.round(students * (0.16 + rng.next() * 0.05))),
    });
  }
}
