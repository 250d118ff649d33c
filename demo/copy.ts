import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Streams rows into PostgreSQL with COPY on the generator's transaction connection. Person rows go
 * through one long COPY per segment (PostgreSQL ingests while Node generates; `write` waits for
 * drain); guardianship rows of the segment are kept as text and copied when the segment closes,
 * since one connection runs one COPY at a time and they reference the segment's people.
 */

export const PERSON_COLUMNS = [
  'id',
  'district_id',
  'org_id',
  'kind',
  'name',
  'gender',
  'birth_date',
  'id_number_enc',
  'id_number_hash',
  'id_number_masked',
  'phone_enc',
  'phone_hash',
  'phone_masked',
  'address_enc',
  'address_masked',
  'student_number',
  'grade',
  'class_name',
  'position',
  'subject',
] as const;

type Field = string | number | null;

/** One line of COPY text format: tab-separated, \N for NULL, backslash escapes. */
export function copyLine(fields: readonly Field[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const v = fields[i];
    if (i > 0) line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'number') line += v;
    else line += /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
  }
  return `${line}\n`;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export class PersonSink {
  private person: ReturnType<typeof copyFrom> | undefined;
  private guardianships: string[] = [];
  private segmentRows = 0;
  private failure: Error | undefined;
  persons = 0;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly segmentSize = 60_000,
  ) {}

  /** Write one unit's people (COPY lines) and their guardianship lines. */
  async write(personText: string, personCount: number, guardianshipText: string): Promise<void> {
    if (!this.person) {
      this.person = this.open(`COPY person (${PERSON_COLUMNS.join(', ')}) FROM STDIN`);
    }
    if (!this.person.write(personText)) await this.wait(this.person, 'drain');
    this.guardianships.push(guardianshipText);
    this.persons += personCount;
    this.segmentRows += personCount;
    if (this.segmentRows >= this.segmentSize) await this.flush();
  }

  /** Close the person COPY of this segment, then copy its guardianships. */
  async flush(): Promise<void> {
    if (this.person) {
      this.person.end();
      const finished = this.wait(this.person, 'finish');
      await finished;
      this.person = undefined;
    }
    if (this.guardianships.length > 0) {
      const stream = this.open(
        'COPY guardianship (guardian_id, student_id, district_id, relation) FROM STDIN',
      );
      stream.end(this.guardianships.join(''));
      const finished = this.wait(stream, 'finish');
      await finished;
      this.guardianships = [];
    }
    this.segmentRows = 0;
  }

  /** On failure: cancel an open COPY (CopyFail) so that the connection can roll back. */
  async abort(): Promise<void> {
    const stream = this.person;
    this.person = undefined;
    if (!stream || stream.destroyed) return;
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy(new Error('demo generation aborted'));
    await closed;
  }

  private open(statement: string): ReturnType<typeof copyFrom> {
    const stream = this.client.query(copyFrom(statement));
    // Remember a failure; a pending wait rejects with it, and so does every later one.
    stream.on('error', (error) => {
      this.failure ??= error;
    });
    return stream;
  }

  private wait(stream: NodeJS.EventEmitter, event: string): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    return once(stream, event);
  }
}
