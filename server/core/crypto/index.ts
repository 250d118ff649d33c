import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Field encryption for personal data (ID numbers, phones, addresses) and keyed lookup hashes.
 * `intl`: AES-256-GCM, HMAC-SHA-256. `sm` (国密): SM4-CTR with an HMAC-SM3 tag (encrypt-then-MAC,
 * since Node 20's OpenSSL has no SM4-GCM), HMAC-SM3. Ciphertexts name their algorithm, so a value
 * written in either mode can always be read.
 */
export type CryptoMode = 'intl' | 'sm';

export interface FieldCipher {
  readonly mode: CryptoMode;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash for exact lookup of an encrypted value (the plain value is never stored). */
  lookupHash(normalised: string): string;
}

function derive(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `edugov/${label}`, 32));
}

export function createFieldCipher(master: Buffer, mode: CryptoMode): FieldCipher {
  if (master.length !== 32) throw new Error('the master key must be 32 bytes');
  const aesKey = derive(master, 'aes-256-gcm');
  const sm4Key = derive(master, 'sm4').subarray(0, 16);
  const sm3MacKey = derive(master, 'hmac-sm3');
  const lookupKey = derive(master, `lookup-${mode}`);
  const hashAlg = mode === 'sm' ? 'sm3' : 'sha256';

  return {
    mode,
    encrypt(plain) {
      const data = Buffer.from(plain, 'utf8');
      if (mode === 'intl') {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
        const body = Buffer.concat([cipher.update(data), cipher.final()]);
        return `a1.${iv.toString('base64')}.${body.toString('base64')}.${cipher.getAuthTag().toString('base64')}`;
      }
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', sm4Key, iv);
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      const tag = createHmac('sm3', sm3MacKey).update(iv).update(body).digest();
      return `s1.${iv.toString('base64')}.${body.toString('base64')}.${tag.toString('base64')}`;
    },
    decrypt(sealed) {
      const [alg, ivText, bodyText, tagText] = sealed.split('.');
      if (!ivText || bodyText === undefined || !tagText) throw new Error('not a sealed field value');
      const iv = Buffer.from(ivText, 'base64');
      const body = Buffer.from(bodyText, 'base64');
      const tag = Buffer.from(tagText, 'base64');
      if (alg === 'a1') {
        const decipher = createDecipheriv('aes-256-gcm', aesKey, iv);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      if (alg === 's1') {
        const expected = createHmac('sm3', sm3MacKey).update(iv).update(body).digest();
        if (expected.length !== tag.length || !timingSafeEqual(expected, tag)) {
          throw new Error('sealed field value failed its integrity check');
        }
        const decipher = createDecipheriv('sm4-ctr', sm4Key, iv);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      }
      throw new Error(`unknown field cipher "${alg}"`);
    },
    lookupHash(normalised) {
      return createHmac(hashAlg, lookupKey).update(normalised, 'utf8').digest('base64url');
    },
  };
}

/** The chain hash of the audit trail: SHA-256, or SM3 in `sm` mode. Hex. */
export function chainDigest(mode: CryptoMode, text: string): string {
  return createHash(mode === 'sm' ? 'sm3' : 'sha256')
    .update(text, 'utf8')
    .digest('hex');
}

export function newMasterKey(): Buffer {
  return randomBytes(32);
}
