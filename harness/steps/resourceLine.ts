import { sha256Hex } from '../../src/world/sha256.ts';

/**
 * The line a `resource` step prints (harness/unix/python/resource_read.py prints the same on a
 * binary or the VM): package, name, size and the first 8 hex digits of the sha256.
 *
 * @example
 * resourceLine('pkg', 'a.txt', new TextEncoder().encode('hi')); // 'resource pkg/a.txt: 2 bytes, sha256 8f434346'
 */
export function resourceLine(pkg: string, name: string, bytes: Uint8Array): string {
  return `resource ${pkg}/${name}: ${bytes.length} bytes, sha256 ${sha256Hex(bytes).slice(0, 8)}`;
}
