import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hmacSha256, hmacSha256Words, Sha256, sha256, sha256Hex, toHex, utf8 } from './index.ts';

/**
 * The pure hashes against published vectors (FIPS 180-2 for SHA-256, RFC 4231 for HMAC-SHA-256)
 * and, on random inputs, against node:crypto (available in the test, never in the engines).
 */
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);

describe('sha256', () => {
  it('matches the FIPS 180-2 vectors, the million-a vector and node:crypto', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256(repeat(0x61, 1_000_000)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toHex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('hmacSha256 (RFC 4231 test cases 1–7)', () => {
  const cases: [Uint8Array, Uint8Array, string][] = [
    [repeat(0x0b, 20), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [
      utf8('Jefe'),
      utf8('what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [repeat(0xaa, 20), repeat(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    // Test case 5 publishes the output truncated to 128 bits.
    [repeat(0x0c, 20), utf8('Test With Truncation'), 'a3b6167473100ee06e0c796c2955552b'],
    [
      repeat(0xaa, 131),
      utf8('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      repeat(0xaa, 131),
      utf8(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ];
  it.each(cases.map((c, i) => [i + 1, ...c] as const))('test case %i', (_, key, data, expected) => {
    expect(toHex(hmacSha256(key, data)).slice(0, expected.length)).toBe(expected);
  });
  it('agrees with node:crypto on random keys and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 150 }), fc.uint8Array({ maxLength: 200 }), (key, message) => {
        expect(toHex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
      }),
    );
  });
});

describe('Sha256 (incremental)', () => {
  it('gives the one-shot hash however the message is cut', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(400), { maxLength: 6 }),
        (bytes, cuts) => {
          const hash = new Sha256();
          let from = 0;
          for (const cut of [...cuts].sort((x, y) => x - y)) {
            const to = Math.min(cut, bytes.length);
            hash.update(bytes.subarray(from, Math.max(from, to)));
            from = Math.max(from, to);
          }
          hash.update(bytes.subarray(from));
          expect(toHex(hash.digest())).toBe(createHash('sha256').update(bytes).digest('hex'));
        },
      ),
    );
  });
});

describe('hmacSha256Words (many messages, one key)', () => {
  it('gives each message its HMAC, for short (one block) and long messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.array(fc.uint8Array({ maxLength: 130 }), { maxLength: 12 }),
        (key, messages) => {
          // Messages packed with a gap between them, as ids sit in a file.
          const starts = new Int32Array(messages.length);
          const ends = new Int32Array(messages.length);
          const packed = new Uint8Array(messages.reduce((n, m) => n + m.length + 3, 0)).fill(0x22);
          let at = 0;
          messages.forEach((m, i) => {
            starts[i] = at + 1;
            packed.set(m, at + 1);
            ends[i] = at + 1 + m.length;
            at += m.length + 3;
          });
          const words = hmacSha256Words(key, packed, starts, ends);
          messages.forEach((m, i) => {
            const hex = Array.from(words.subarray(i * 8, i * 8 + 8), (w) =>
              (w >>> 0).toString(16).padStart(8, '0'),
            ).join('');
            expect(hex).toBe(createHmac('sha256', key).update(m).digest('hex'));
          });
        },
      ),
    );
  });
});

describe('hex', () => {
  it('round-trips and refuses odd or non-hex input', () => {
    expect(toHex(fromHex('00ffA0'))).toBe('00ffa0');
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
  });
});
