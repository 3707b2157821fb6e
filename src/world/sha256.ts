import { createHash } from 'node:crypto';

/**
 * Lower-case hex sha256 of `bytes`, as `hashlib.sha256(...).hexdigest()` gives it.
 *
 * @example
 * sha256Hex(new TextEncoder().encode('')).slice(0, 8) // 'e3b0c442'
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Lower-case hex md5 of `bytes` (PyPI's `digests.md5`).
 *
 * @example
 * md5Hex(new Uint8Array()) // 'd41d8cd98f00b204e9800998ecf8427e'
 */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}
