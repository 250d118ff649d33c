import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { DomainError } from './errors.ts';

/** argon2id with OWASP's recommended minimum (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** The password policy: ≥10 characters, three of four classes, not containing the username. */
export function checkPasswordPolicy(password: string, username: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const containsName = username.length >= 3 && password.toLowerCase().includes(username.toLowerCase());
  if (password.length < 10 || password.length > 256 || classes < 3 || containsName) {
    throw new DomainError('auth.password_policy', { field: 'password' });
  }
}

/** A one-time password that meets the policy, for new accounts and resets. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '-_!@#%+='];
  const chars = sets.map((s) => s[randomInt(s.length)]);
  const all = sets.join('');
  while (chars.length < 14) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
