import { officePhone, siteAddress } from './identity.ts';
import { ZONES } from './names.ts';
import type { Random } from './random.ts';

/** The plan of the org tree before it is inserted, and the helper that builds it. */

export interface PlannedUnit {
  /** Set by `insertDistrict`. */
  id: number;
  code: string;
  kind:
    | 'department'
    | 'zone'
    | 'school'
    | 'kindergarten'
    | 'communitySite'
    | 'trainingInstitution'
    | 'supplier';
  name: string;
  shortName: string | null;
  stage: string | null;
  ownership: 'public' | 'private' | null;
  subsidised: boolean;
  address: string | null;
  capacity: number | null;
  phone: string | null;
  openedOn: string;
  /** Index into ZONES, or -1 for units directly under the district. */
  zone: number;
  /** Planned head-counts (0 where nobody learns). */
  students: number;
  staff: number;
}

export type UnitInput = Pick<PlannedUnit, 'code' | 'kind' | 'name' | 'zone'> & Partial<PlannedUnit>;

/** A planner's view: add a unit (defaults filled in), make names unique, draw an address. */
export class Planner {
  readonly units: PlannedUnit[] = [];
  private readonly names = new Set<string>();

  constructor(readonly rng: Random) {}

  add(u: UnitInput): void {
    const street = this.street(u.zone >= 0 ? u.zone : this.rng.int(0, ZONES.length - 1));
    this.units.push({
      ...{ id: 0, shortName: null, stage: null, ownership: null, subsidised: false, capacity: null },
      ...{ address: siteAddress(this.rng, street), phone: officePhone(this.rng), openedOn: '2000-01-01' },
      ...{ students: 0, staff: 0 },
      ...u,
    });
  }

  unique(make: () => string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = make();
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
    throw new Error('demo: ran out of distinct unit names');
  }

  street(zone: number): string {
    return this.rng.pick(ZONES[zone]!.streets);
  }
}
