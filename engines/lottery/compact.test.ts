import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf } from './columns.ts';
import {
  drawInstanceJson,
  type LotteryInstance,
  type LotteryStudent,
  type Mechanism,
  parseInstance,
  readInstanceJson,
  runDraw,
} from './index.ts';
import { lotteryOrder } from './lottery-number.ts';
import { referenceDraw } from './reference/index.ts';
import { idOrder } from './result-json.ts';
import { MAX_PRIORITY_CLASS } from './schema.ts';

/**
 * The compact engine (columns, typed arrays, radix-sorted numbers, flat heaps, results written
 * from bytes) against the reference engine (./reference, the draw as first written): the same
 * result, byte for byte, on random instances with priorities (also at schools not chosen), sibling
 * groups, zero capacities and awkward ids, for DA and IA; and the instance-file reader gives the
 * CLI's exact bytes when it takes a file, and leaves every invalid or unusual file to the general
 * way (JSON.parse and parseInstance, which names the problem).
 */
const encoder = new TextEncoder();
const bytesOf = (value: unknown, indent?: number) => encoder.encode(JSON.stringify(value, null, indent));
/** drawInstanceJson with the pieces it writes joined; the source all at once or a few bytes at a time. */
function drawBytes(bytes: Uint8Array, m: Mechanism, trickle = false) {
  const pieces: Uint8Array[] = [];
  let at = 0;
  let n = 0;
  const source = trickle
    ? (into: Uint8Array) => {
        // 1 to 7 bytes per read: the reader's buffer ends at every place of the file in turn.
        const length = Math.min(into.length, bytes.length - at, 1 + (n++ % 7));
        into.set(bytes.subarray(at, at + length));
        at += length;
        return length;
      }
    : bytes;
  const draw = drawInstanceJson(
    source,
    m,
    (piece) => pieces.push(piece.slice()),
    trickle ? undefined : bytes.length,
  );
  const joined = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return draw && { ...draw, json: new TextDecoder().decode(joined) };
}
const cliJson = (instance: LotteryInstance, m: Mechanism) =>
  `${JSON.stringify(referenceDraw(instance, m), null, 2)}\n`;

/** Ids that are awkward somewhere: integer-like (JavaScript lists them first), non-ASCII, surrogate pairs, U+FF21 (after them in UTF-16 order), a prototype name, one JSON escapes. */
const awkwardIds = [
  '0',
  '7',
  '10',
  '4294967294',
  '4294967295',
  '007',
  '__proto__',
  'constructor',
  '张三',
  '😀',
  'ｚ',
  'a😀',
  'aｚ',
  'x"y',
];

const idArb = fc.oneof(
  { weight: 6, arbitrary: fc.nat(999).map((k) => `T${k}`) },
  { weight: 2, arbitrary: fc.constantFrom(...awkwardIds) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
);

function instanceArb(maxStudents: number, maxSchools: number, maxCapacity: number, minStudents = 0) {
  return fc
    .record({
      seed: fc.stringMatching(/^[0-9a-f]{32,40}$/).filter((s) => s.length % 2 === 0),
      schoolNames: fc.uniqueArray(
        fc.oneof(
          fc.nat(30).map((k) => `S${k}`),
          fc.constantFrom('学校', '7', 'z😀'),
        ),
        {
          minLength: 1,
          maxLength: maxSchools,
        },
      ),
      capacities: fc.array(fc.nat(maxCapacity), { minLength: maxSchools, maxLength: maxSchools }),
      students: fc.uniqueArray(
        fc.record({
          id: idArb,
          choiceOrder: fc.array(fc.nat(maxSchools - 1), { maxLength: maxSchools }),
          classes: fc.array(fc.option(fc.constantFrom(0, 1, 2, MAX_PRIORITY_CLASS), { nil: undefined }), {
            minLength: maxSchools,
            maxLength: maxSchools,
          }),
          sibling: fc.nat(5),
        }),
        { minLength: minStudents, maxLength: maxStudents, selector: (s) => s.id, size: 'max' },
      ),
    })
    .map(({ seed, schoolNames, capacities, students }): LotteryInstance => {
      const schools = schoolNames.map((id, i) => ({ id, capacity: capacities[i]! }));
      const list: LotteryStudent[] = students.map((s) => {
        const choices = [...new Set(s.choiceOrder.map((k) => schools[k % schools.length]!.id))];
        // Classes for any school, chosen or not (an unchosen one changes nothing).
        const priority: Record<string, number> = {};
        s.classes.forEach((c, k) => {
          if (c !== undefined && k < schools.length) priority[schools[k]!.id] = c;
        });
        return { id: s.id, choices, ...(s.sibling === 5 ? {} : { priority }) };
      });
      // sibling 0: joins the previous child's group (twins, triplets) and copies its choices.
      list.forEach((s, i) => {
        if (i && students[i]!.sibling === 0) {
          const prev = list[i - 1]!;
          prev.siblingGroup ??= `G${i - 1}`;
          s.siblingGroup = prev.siblingGroup;
          s.choices = [...prev.choices];
        }
      });
      return { seed, schools, students: list };
    });
}

const mechanismArb = fc.constantFrom<Mechanism>('da', 'ia');
/** No lone surrogate (UTF-8 cannot carry one: it would be read back as U+FFFD). */
const wellFormed = (id: string) => new TextDecoder().decode(encoder.encode(id)) === id;

describe('the compact engine against the reference engine', () => {
  it('gives the same result, byte for byte (assignments, key order, resultHash)', () => {
    fc.assert(
      fc.property(instanceArb(50, 6, 6), mechanismArb, (instance, m) => {
        expect(parseInstance(instance).ok).toBe(true);
        const result = runDraw(instance, m);
        const reference = referenceDraw(instance, m);
        expect(JSON.stringify(result)).toBe(JSON.stringify(reference));
        expect(Object.keys(result.assignments)).toEqual(Object.keys(reference.assignments));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with more than 2048 schools (choice slots of two ints instead of one)', () => {
    fc.assert(
      fc.property(instanceArb(40, 6, 5), mechanismArb, (instance, m) => {
        const many = {
          ...instance,
          schools: [
            ...instance.schools,
            ...Array.from({ length: 2100 }, (_, i) => ({ id: `F${i}`, capacity: i % 3 })),
          ],
          // One more choice among the new schools, the same for siblings (they rank the same).
          students: instance.students.map((s) => {
            const key = s.siblingGroup ?? s.id;
            return { ...s, choices: [...s.choices, `F${(key.length * 37 + key.charCodeAt(0)) % 2100}`] };
          }),
        };
        expect(JSON.stringify(runDraw(many, m))).toBe(JSON.stringify(referenceDraw(many, m)));
        if (many.students.every((s) => JSON.stringify(s.id) === `"${s.id}"`))
          expect(drawBytes(bytesOf(many), m, true)?.json).toBe(cliJson(many, m));
      }),
      { numRuns: 25 },
    );
  });

  it('agrees on larger instances (deep heaps, many rounds, scarce seats, groups)', () => {
    fc.assert(
      fc.property(instanceArb(800, 12, 60, 300), mechanismArb, (instance, m) => {
        expect(JSON.stringify(runDraw(instance, m))).toBe(JSON.stringify(referenceDraw(instance, m)));
      }),
      { numRuns: 20 },
    );
  });
});

describe('drawing an instance file from its bytes', () => {
  it('gives exactly the CLI result file of the general way, compact or indented', () => {
    fc.assert(
      fc.property(
        instanceArb(40, 5, 5),
        mechanismArb,
        fc.boolean(),
        fc.boolean(),
        (instance, m, indented, trickle) => {
          const plain = !instance.students.some((s) => JSON.stringify(s.id) !== `"${s.id}"`);
          const draw = drawBytes(bytesOf(instance, indented ? 2 : undefined), m, trickle);
          if (!plain) return void expect(draw).toBeUndefined(); // an escaped id: the general way
          expect(draw).toBeDefined();
          const expected = cliJson(instance, m);
          expect(draw!.json).toBe(expected);
          const reference = referenceDraw(instance, m);
          expect(draw!.resultHash).toBe(reference.resultHash);
          expect(draw!.placed).toBe(Object.values(reference.assignments).filter((s) => s !== null).length);
        },
      ),
      { numRuns: 300 },
    );
  });

  const valid: LotteryInstance = {
    seed: '00112233445566778899aabbccddeeff',
    schools: [
      { id: 'S1', capacity: 1 },
      { id: 'S3', capacity: 2 },
    ],
    students: [
      { id: 'T1', choices: ['S3', 'S1'], priority: { S3: 0 } },
      { id: 'T2', choices: [], siblingGroup: 'g' },
      { id: 'T3', choices: [], siblingGroup: 'g' },
    ],
  };
  const text = JSON.stringify(valid);
  const edit = (from: string, to: string) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  };

  it('leaves every invalid file to the general way, which names the problem', () => {
    const invalid: [string, string][] = [
      ['unknown school in choices', edit('["S3","S1"]', '["S3","S9"]')],
      ['duplicate student id', edit('"id":"T3"', '"id":"T1"')],
      ['duplicate school id', edit('"id":"S3"', '"id":"S1"')],
      ['negative capacity', edit('"capacity":1', '"capacity":-1')],
      ['fractional capacity', edit('"capacity":1', '"capacity":1.5')],
      ['capacity too large', edit('"capacity":1', '"capacity":10000001')],
      ['short seed', edit('"seed":"00112233445566778899aabbccddeeff"', '"seed":"0011"')],
      [
        'odd seed',
        edit('"seed":"00112233445566778899aabbccddeeff"', '"seed":"00112233445566778899aabbccddeeff0"'),
      ],
      [
        'non-hex seed',
        edit('"seed":"00112233445566778899aabbccddeeff"', '"seed":"0011223344556677889zaabbccddeeff"'),
      ],
      ['school chosen twice', edit('["S3","S1"]', '["S3","S3"]')],
      ['unknown priority school', edit('{"S3":0}', '{"S9":0}')],
      ['negative class', edit('{"S3":0}', '{"S3":-1}')],
      ['class too large', edit('{"S3":0}', `{"S3":${MAX_PRIORITY_CLASS + 1}}`)],
      [
        'siblings ranking differently',
        edit('"choices":[],"siblingGroup":"g"}]', '"choices":["S1"],"siblingGroup":"g"}]'),
      ],
      ['empty id', edit('"id":"T2"', '"id":""')],
      ['id too long', edit('"id":"T2"', `"id":"${'x'.repeat(129)}"`)],
      ['missing choices', edit(',"choices":[],"siblingGroup":"g"}]', ',"siblingGroup":"g"}]')],
      ['null priority', edit('{"S3":0}', 'null')],
      ['choices not an array', edit('"choices":[]', '"choices":"S1"')],
      ['missing seed', edit('"seed":"00112233445566778899aabbccddeeff",', '')],
      ['not JSON', `${text}}`],
      ['empty file', ''],
    ];
    for (const [what, file] of invalid) {
      expect(readInstanceJson(encoder.encode(file)), what).toBeUndefined();
      expect(drawBytes(encoder.encode(file), 'da', true), what).toBeUndefined();
      let parsed: ReturnType<typeof parseInstance> | undefined;
      try {
        parsed = parseInstance(JSON.parse(file));
      } catch {
        parsed = undefined; // not JSON: the CLI exits 2 before the schema
      }
      expect(parsed?.ok ?? false, what).toBe(false);
    }
  });

  it('leaves unusual valid files to the general way too', () => {
    const unusual: [string, string][] = [
      ['an extra field', edit('"id":"T1",', '"id":"T1","name":"x",')],
      ['an escaped id', edit('"id":"T2"', '"id":"T\\u0032"')],
      ['a capacity with an exponent', edit('"capacity":1', '"capacity":1e0')],
      ['a key twice', edit('"id":"T1",', '"id":"T0","id":"T1",')],
      ['a byte-order mark', `\ufeff${text}`],
      [
        'students before schools',
        JSON.stringify({ seed: valid.seed, students: valid.students, schools: valid.schools }),
      ],
      ['a school named __proto__', edit('"id":"S1"', '"id":"__proto__"').replace('"S1"]', '"__proto__"]')],
    ];
    for (const [what, file] of unusual) {
      expect(readInstanceJson(encoder.encode(file)), what).toBeUndefined();
      if (file.startsWith('\ufeff')) continue; // JSON.parse refuses it: the CLI exits 2
      const parsed = parseInstance(JSON.parse(file));
      expect(parsed.ok, what).toBe(true);
    }
    // Invalid UTF-8 inside a string: readFileSync(…, 'utf8') would read U+FFFD.
    const bytes = encoder.encode(text);
    bytes[text.indexOf('T1') + 1] = 0xff;
    expect(readInstanceJson(bytes)).toBeUndefined();
  });
});

describe('orders', () => {
  it('orders lottery numbers as their bytes, also when the first 48 bits or all bits are equal', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(0, 1, -1, 0x7fffffff, -0x80000000, 65536), { minLength: 8, maxLength: 8 }),
          { maxLength: 40 },
        ),
        (numbers) => {
          const words = Int32Array.from(numbers.flat());
          const hex = numbers.map((w) => w.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join(''));
          const heads = Int32Array.from(numbers.flatMap((w) => w.slice(0, 2)));
          // Equal numbers: the tie-break (here the index, standing for the id) decides.
          const whole = (i: number) => words.subarray(i * 8, i * 8 + 8);
          const order = Array.from(lotteryOrder(heads, whole, (x, y) => x - y));
          const expected = hex
            .map((_, i) => i)
            .sort((x, y) => (hex[x]! < hex[y]! ? -1 : hex[x]! > hex[y]! ? 1 : x - y));
          expect(order).toEqual(expected);
        },
      ),
    );
  });

  it('orders ids by UTF-16 code units from their UTF-8 bytes, sorted or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 5 }),
            fc.constantFrom(...awkwardIds),
            fc.string({ maxLength: 3 }),
          ),
          { maxLength: 60 },
        ),
        fc.boolean(),
        (ids, presorted) => {
          const list = (presorted ? [...ids].sort() : ids).filter((id) => id.length && wellFormed(id));
          const columns = columnsOf({
            seed: '00'.repeat(16),
            schools: [],
            students: list.map((id) => ({ id, choices: [] })),
          });
          expect(Array.from(idOrder(columns), (i) => list[i])).toEqual([...list].sort());
        },
      ),
    );
  });
});
