import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { checkPasswordPolicy, generatePassword } from '../passwords.ts';
import { type CryptoMode, chainDigest, createFieldCipher } from './index.ts';
import {
  idNumberCheckDigit,
  isValidIdNumber,
  maskAddress,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
  normalisePhone,
} from './pii.ts';

/** Field encryption, lookup hashes, chain digests, personal-data masking and the password policy. */

const modes: CryptoMode[] = ['intl', 'sm'];
const chinese = '张小明，北京市海淀区中关村大街1号院2号楼301室 🏫';

/** Flip one bit of the byte at `index` of a base64 segment. */
function flipSegment(sealed: string, segment: number, index = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[segment]!, 'base64');
  bytes[index] = bytes[index]! ^ 0x01;
  parts[segment] = bytes.toString('base64');
  return parts.join('.');
}

/** An ID number with a correct check digit for the given first 17 characters. */
function withCheckDigit(first17: string): string {
  return first17 + idNumberCheckDigit(first17);
}

describe.each(modes)('field cipher (%s)', (mode) => {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key, mode);

  it('round-trips Chinese text, the empty string and long text', () => {
    expect(cipher.decrypt(cipher.encrypt(chinese))).toBe(chinese);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
    const long = '教育'.repeat(5000);
    expect(cipher.decrypt(cipher.encrypt(long))).toBe(long);
  });

  it('names its algorithm and never shows the plain text', () => {
    const sealed = cipher.encrypt(chinese);
    expect(sealed.startsWith(mode === 'intl' ? 'a1.' : 's1.')).toBe(true);
    expect(sealed).not.toContain('张小明');
    expect(sealed.split('.')).toHaveLength(4);
  });

  it('gives a different ciphertext each time for the same value', () => {
    const seen = new Set(Array.from({ length: 20 }, () => cipher.encrypt('110108201509011232')));
    expect(seen.size).toBe(20);
  });

  it('refuses a ciphertext with a flipped byte (body, tag or iv)', () => {
    const sealed = cipher.encrypt(chinese);
    for (const segment of [1, 2, 3]) {
      const tampered = flipSegment(sealed, segment, 3);
      expect(tampered).not.toBe(sealed);
      expect(() => cipher.decrypt(tampered), `segment ${segment}`).toThrow();
    }
  });

  it('refuses values sealed with another key, and malformed input', () => {
    const other = createFieldCipher(randomBytes(32), mode);
    expect(() => other.decrypt(cipher.encrypt(chinese))).toThrow();
    expect(() => cipher.decrypt('not sealed')).toThrow();
    expect(() => cipher.decrypt(`x9.${cipher.encrypt('a').split('.').slice(1).join('.')}`)).toThrow(
      /unknown/,
    );
  });

  it('reads values sealed in the other mode with the same master key', () => {
    const otherMode = createFieldCipher(key, mode === 'intl' ? 'sm' : 'intl');
    expect(cipher.decrypt(otherMode.encrypt(chinese))).toBe(chinese);
  });

  it('has a stable lookup hash that depends on the key', () => {
    const again = createFieldCipher(key, mode);
    expect(cipher.lookupHash('13812345678')).toBe(again.lookupHash('13812345678'));
    expect(cipher.lookupHash('13812345678')).not.toBe(cipher.lookupHash('13812345679'));
    expect(cipher.lookupHash('13812345678')).not.toBe(
      createFieldCipher(randomBytes(32), mode).lookupHash('13812345678'),
    );
    expect(cipher.lookupHash('13812345678')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => createFieldCipher(randomBytes(16), mode)).toThrow(/32 bytes/);
  });
});

describe('lookup hash across modes', () => {
  it('differs between intl and sm for the same key and value', () => {
    const key = randomBytes(32);
    expect(createFieldCipher(key, 'intl').lookupHash('110108201509011232')).not.toBe(
      createFieldCipher(key, 'sm').lookupHash('110108201509011232'),
    );
  });
});

describe('chainDigest', () => {
  it('is SHA-256 in intl mode and SM3 in sm mode, 64 hex characters each', () => {
    expect(chainDigest('intl', 'abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(chainDigest('sm', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    for (const mode of modes) expect(chainDigest(mode, '审计')).toMatch(/^[0-9a-f]{64}$/);
    expect(chainDigest('intl', '审计')).not.toBe(chainDigest('sm', '审计'));
    expect(chainDigest('sm', '审计')).toBe(chainDigest('sm', '审计'));
  });
});

describe('ID numbers', () => {
  it('accepts valid ID numbers (including the X check digit, in either case)', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber(withCheckDigit('11010820150901123'))).toBe(true);
    expect(isValidIdNumber(` ${withCheckDigit('11010820150901123')} `)).toBe(true);
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('refuses a wrong check digit', () => {
    const valid = withCheckDigit('11010820150901123');
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    expect(isValidIdNumber(wrong)).toBe(false);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('refuses impossible birth dates even with a matching check digit', () => {
    expect(isValidIdNumber(withCheckDigit('11010820150230123'))).toBe(false); // 30 February
    expect(isValidIdNumber(withCheckDigit('11010820151301123'))).toBe(false); // month 13
    expect(isValidIdNumber(withCheckDigit('11010818991231123'))).toBe(false); // before 1900
    expect(isValidIdNumber(withCheckDigit('11010820160229123'))).toBe(true); // a leap day
    expect(isValidIdNumber(withCheckDigit('11010820150229123'))).toBe(false); // not a leap year
  });

  it('refuses wrong lengths and characters', () => {
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber('1101082015090112')).toBe(false);
    expect(isValidIdNumber('11010820150901123X1')).toBe(false);
    expect(isValidIdNumber('1101082015090112AX')).toBe(false);
  });

  it('masks all but the region code and the last four characters', () => {
    expect(maskIdNumber('110108201509011234')).toBe('110108********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

describe('phones and addresses', () => {
  it('normalises and masks phones', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('keeps the city and district of an address and hides the street', () => {
    const masked = maskAddress('北京市海淀区中关村大街1号院2号楼301');
    expect(masked).toBe('北京市海淀区****');
    expect(masked).not.toContain('中关村');
    expect(maskAddress('海淀区学院路30号')).toBe('海淀区****');
    expect(maskAddress('学院路30号')).toBe('****');
  });

  it('hides the street even when no district follows the city', () => {
    // "北京市" then a street whose name ends in 区 (小区, 园区): the street must still be hidden.
    const masked = maskAddress('北京市中关村大街27号院小区');
    expect(masked).not.toContain('中关村大街');
    expect(masked.endsWith('****')).toBe(true);
  });
});

describe('password policy', () => {
  const refused = (password: string, username = 'zhangsan') => {
    try {
      checkPasswordPolicy(password, username);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).code;
    }
  };

  it('accepts long passwords with three character classes', () => {
    expect(refused('Correct-horse9')).toBeUndefined();
    expect(refused('correct-horse-9')).toBeUndefined();
    expect(refused('CORRECTHORSE9!')).toBeUndefined();
  });

  it('refuses short, two-class and username-containing passwords', () => {
    expect(refused('Ab1-short')).toBe('auth.password_policy');
    expect(refused('onlylowercaseletters')).toBe('auth.password_policy');
    expect(refused('lowercase12345678')).toBe('auth.password_policy');
    expect(refused('My-ZhangSan-2026')).toBe('auth.password_policy');
    expect(refused(`Aa1-${'x'.repeat(300)}`)).toBe('auth.password_policy');
  });

  it('generates one-time passwords that meet the policy (100 samples, all different)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const password = generatePassword();
      expect(password.length).toBeGreaterThanOrEqual(10);
      expect(refused(password, 'principal')).toBeUndefined();
      seen.add(password);
    }
    expect(seen.size).toBe(100);
  });
});
