import type { CryptoMode, FieldCipher } from './crypto/index.ts';

/**
 * Process-wide services fixed at start-up (the field cipher and the crypto mode of this database).
 * Operations read them here rather than threading them through every call.
 */
export interface PlatformServices {
  cryptoMode: CryptoMode;
  cipher: FieldCipher;
}

let current: PlatformServices | undefined;

export function configureServices(value: PlatformServices): void {
  current = value;
}

export function services(): PlatformServices {
  if (!current) throw new Error('platform services are not configured: call configureServices() at start-up');
  return current;
}
