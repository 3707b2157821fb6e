// How each requests version reads header lines a server writes its own way. Released versions
// (urequests 0.7.0 … requests 0.10.2, e.g. 0.10.2 lines 159-176):
//     if l.startswith(b"Transfer-Encoding:"): …
//     elif l.startswith(b"Location:") and not 200 <= status <= 299:
//         if status in [301, 302, 303, 307, 308]: redirect = str(l[10:-2], "utf-8")
//     k, v = l.split(":", 1); resp_d[k] = v.strip()
// requests 1.1.1 (master, 77ee4d8f) matches `l.lower()` instead and resolves a value starting
// with "/" against the current host. `l[10:-2]` assumes "Location: " and a CRLF ending in both.
import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/py/PyException.ts';
import { httpGet } from '../../src/net/httpClient.ts';
import { worldSpec } from '../../src/scenario/schema.ts';
import { createWorld } from '../../src/world/createWorld.ts';

const OLD = 'https://example.com/old/tool.py';
const RELEASED = ['1.20.0', '1.22.2', '1.23.0', '1.24.1', '1.27.0'];

async function get(runtime: string, lines: string[], status = 302): Promise<{ result: string; requests: string[] }> {
  const world = await createWorld(
    worldSpec.parse({
      http: { [OLD]: { status, headers: lines }, 'https://example.com/v1.py': 'A = 1\n', 'https://example.com/v2.py': 'B = 2\n' },
    }),
  );
  let result: string;
  try {
    const r = await httpGet(OLD, { network: world, runtime, port: 'unix' });
    result = `${r.status} ${r.url}`;
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    result = e.line;
  }
  return { result, requests: world.log.map((r) => `${r.url} → ${r.status}`) };
}

describe('verbatim Location lines', () => {
  it('"Location:https://…" without a space: l[10:-2] drops the "h" in every version', async () => {
    for (const runtime of [...RELEASED, 'master']) {
      expect((await get(runtime, ['Location:https://example.com/v1.py'])).result, runtime).toBe('ValueError: Unsupported protocol: ttps:');
    }
  });

  it('"LOCATION: …" is no redirect for released versions (the 302 is the answer); master follows it', async () => {
    for (const runtime of RELEASED) {
      expect((await get(runtime, ['LOCATION: https://example.com/v1.py'])).result, runtime).toBe(`302 ${OLD}`);
    }
    expect((await get('master', ['LOCATION: https://example.com/v1.py'])).result).toBe('200 https://example.com/v1.py');
  });

  it('two Location lines: the last one recognised wins', async () => {
    const lines = ['Location: https://example.com/v1.py', 'LOCATION: https://example.com/v2.py'];
    for (const runtime of RELEASED) expect((await get(runtime, lines)).result, runtime).toBe('200 https://example.com/v1.py');
    expect((await get('master', lines)).result).toBe('200 https://example.com/v2.py');
  });

  it('"Location:/v1.py": l[10:-2] is "v1.py", neither a URL nor "/…" (so master\'s relative rule misses it too)', async () => {
    for (const runtime of RELEASED) {
      // l[10:-2] of "Location:/v1.py\r\n" is "v1.py": `url.split("/", 2)` gives one part.
      expect((await get(runtime, ['Location:/v1.py'])).result, runtime).toBe('ValueError: need more than 1 values to unpack');
    }
    expect((await get('master', ['Location:/v1.py'])).result).toBe('ValueError: need more than 1 values to unpack');
  });

  it('a Location on a status that is not a redirect: NotImplementedError; on a 2xx it is only a header', async () => {
    expect((await get('1.27.0', ['Location: https://example.com/v1.py'], 300)).result).toBe('NotImplementedError: Redirect 300 not yet supported');
    expect((await get('1.27.0', ['Location: https://example.com/v1.py'], 200)).result).toBe(`200 ${OLD}`);
  });

  it('a header line without ":" fails the dict split: need more than 1 values to unpack', async () => {
    for (const runtime of [...RELEASED, 'master']) {
      expect((await get(runtime, ['X-Odd'], 200)).result, runtime).toBe('ValueError: need more than 1 values to unpack');
    }
  });
});
