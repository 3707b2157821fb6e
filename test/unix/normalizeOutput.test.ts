import { describe, expect, it } from 'vitest';
import { importsFrom, normalizeOutput } from '../../harness/unix/normalizeOutput.ts';

describe('normalizeOutput', () => {
  const root = '/tmp/miprig-ab12';

  it('maps run-root paths to device paths, the root itself to /', () => {
    const out = normalizeOutput(
      [
        `Installing pkg (latest) from https://micropython.org/pi/v2 to ${root}/home/.micropython/lib`,
        `Installing to: ${root}/`,
        `cwd ${root}`,
        '/tmp/miprig-ab123/other stays',
      ],
      { runRoot: root },
    );
    expect(out.lines).toEqual([
      'Installing pkg (latest) from https://micropython.org/pi/v2 to /home/.micropython/lib',
      'Installing to: /',
      'cwd /',
      '/tmp/miprig-ab123/other stays',
    ]);
  });

  it('drops traceback frame lines and keeps the rest of the traceback and real warnings', () => {
    const out = normalizeOutput(
      [
        'Warning: micropython.org SSL certificate is not validated',
        'Traceback (most recent call last):',
        '  File "_miprig_launch.py", line 164, in <module>',
        '  File "mip/__main__.py", line 44, in <module>',
        '  File "<stdin>", line 1',
        'OSError: [addrinfo error -2]',
      ],
      { runRoot: root },
    );
    expect(out.lines).toEqual([
      'Warning: micropython.org SSL certificate is not validated',
      'Traceback (most recent call last):',
      'OSError: [addrinfo error -2]',
    ]);
  });

  it('moves miprig-* protocol lines out, in device terms', () => {
    const out = normalizeOutput(
      ['miprig-escape: /tmp/x', `miprig-import: pkg ${root}/lib/pkg.py`, 'miprig-import: mip frozen', 'Done'],
      { runRoot: root },
    );
    expect(out.lines).toEqual(['Done']);
    expect(out.protocol).toEqual([
      { kind: 'escape', text: '/tmp/x' },
      { kind: 'import', text: 'pkg /lib/pkg.py' },
      { kind: 'import', text: 'mip frozen' },
    ]);
    expect(importsFrom(out.protocol)).toEqual({ pkg: '/lib/pkg.py', mip: 'frozen' });
  });

  it('puts back device ports for loopback ports after ":" or ", "', () => {
    const out = normalizeOutput(["('127.0.0.1', 40123)", 'http://h:40123/x', 'size 40123'], {
      runRoot: root,
      ports: { 40123: 443 },
    });
    expect(out.lines).toEqual(["('127.0.0.1', 443)", 'http://h:443/x', 'size 40123']);
  });
});
