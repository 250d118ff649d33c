import type { Tx } from '../server/core/db/index.ts';
import { orgLink, orgUnit } from '../server/core/db/schema.ts';
import {
  BRANDS,
  DEPARTMENTS,
  EQUIPMENT_SUPPLIERS,
  FOOD_SUPPLIERS,
  pad,
  TRAINING_TYPES,
  ZONES,
} from './names.ts';
import { type PlannedUnit, Planner } from './plan.ts';
import type { Random } from './random.ts';
import { planKindergartens, planSchools } from './schools.ts';

/**
 * The demo district's org tree: departments, 17 zones with their schools, kindergartens and
 * community sites, and the training institutions and suppliers directly under the district.
 */

export function planDistrict(rng: Random): PlannedUnit[] {
  const plan = new Planner(rng);
  DEPARTMENTS.forEach(([name, shortName], i) => {
    const address = '北京市海淀区长春桥路15号';
    plan.add({ code: `KS${pad(i + 1, 2)}`, kind: 'department', name, shortName, zone: -1, address });
  });
  ZONES.forEach((z, i) => {
    plan.add({ code: `XQ${pad(i + 1, 2)}`, kind: 'zone', name: `${z.name}学区`, shortName: z.name, zone: i });
  });
  planSchools(plan);
  planKindergartens(plan);
  for (let i = 0; i < 30; i++) {
    const name = plan.unique(() => `北京${rng.pick(BRANDS)}${rng.pick(TRAINING_TYPES)}培训学校`);
    const openedOn = `${rng.int(2008, 2022)}-0${rng.int(1, 9)}-01`;
    const capacity = rng.int(100, 1500);
    plan.add({
      code: `PX${pad(i + 1, 3)}`,
      kind: 'trainingInstitution',
      name,
      zone: -1,
      ownership: 'private',
      capacity,
      openedOn,
    });
  }
  for (let i = 0; i < 40; i++) {
    const trade = i < 25 ? FOOD_SUPPLIERS : EQUIPMENT_SUPPLIERS;
    const name = plan.unique(() => `北京${rng.pick(BRANDS)}${rng.pick(trade)}有限公司`);
    plan.add({ code: `GY${pad(i + 1, 3)}`, kind: 'supplier', name, zone: -1 });
  }
  return plan.units;
}

/** Insert the planned units (ids written back into the plan) and place each with an org_link. */
export async function insertDistrict(tx: Tx, districtId: number, units: PlannedUnit[]): Promise<void> {
  for (let start = 0; start < units.length; start += 200) {
    const batch = units.slice(start, start + 200);
    const rows = await tx
      .insert(orgUnit)
      .values(batch.map(({ id: _id, zone: _z, students: _s, staff: _t, ...u }) => ({ ...u, districtId })))
      .returning({ id: orgUnit.id });
    rows.forEach((r, i) => {
      batch[i]!.id = r.id;
    });
  }
  const zoneIds = units.filter((u) => u.kind === 'zone').map((u) => u.id);
  for (let start = 0; start < units.length; start += 200) {
    await tx.insert(orgLink).values(
      units.slice(start, start + 200).map((u) => ({
        districtId,
        unitId: u.id,
        parentId: u.zone >= 0 && u.kind !== 'zone' ? zoneIds[u.zone]! : districtId,
        validFrom: u.openedOn,
      })),
    );
  }
}
