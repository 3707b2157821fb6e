import { describe, expect, it } from 'vitest';
import { referenceBuild, resolveHeapSize, scaleByStack, REFERENCE_RECURSION_DEPTH } from '../../src/device/buildProfile.ts';

describe('reference builds (upstream defaults, measured bare on unix x64)', () => {
  it('1.19.1 uses axTLS; 1.20/1.22 bundled mbedTLS 2.x keeps ~40 KiB per connection; 1.24+ mbedTLS 3 ~3.5 KiB', () => {
    expect(referenceBuild('unix', '1.19.1').tls).toEqual({ library: 'axtls', heapPerConnection: 320, largestAllocation: 320 });
    expect(referenceBuild('unix', '1.20.0').tls.heapPerConnection).toBe(40224);
    expect(referenceBuild('unix', '1.22.2').tls.largestAllocation).toBe(39712);
    expect(referenceBuild('unix', '1.24.1').tls.heapPerConnection).toBe(3424);
    expect(referenceBuild('unix', '1.27.0').tls.heapPerConnection).toBe(3584);
    expect(referenceBuild('unix', '1.27.0').absentModules).toEqual([]);
  });
});

describe('heaps relative to the build (`<size> + tls`)', () => {
  it('adds what the build keeps per TLS connection', () => {
    expect(resolveHeapSize('12K + tls', referenceBuild('unix', '1.19.1'))).toBe(String(12 * 1024 + 320));
    expect(resolveHeapSize('12k+tls', { ...referenceBuild('unix', '1.19.1'), tls: { library: 'mbedtls-system', heapPerConnection: 41024, largestAllocation: 40768 } })).toBe(
      String(12 * 1024 + 41024),
    );
  });
  it('leaves plain sizes to the binary\'s own grammar', () => {
    expect(resolveHeapSize('64K', referenceBuild('unix', '1.19.1'))).toBe('64K');
    expect(resolveHeapSize('0x10000', referenceBuild('unix', '1.19.1'))).toBe('0x10000');
  });
});

describe('limits set by the C stack scale with the build', () => {
  it('the reference budget keeps the measured count; half the budget, half the rounds', () => {
    expect(scaleByStack(113, referenceBuild('unix', '1.27.0'))).toBe(113);
    expect(scaleByStack(113, { ...referenceBuild('unix', '1.27.0'), recursionDepth: REFERENCE_RECURSION_DEPTH / 2 })).toBe(56);
  });
});
