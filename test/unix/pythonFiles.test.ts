// The Python the harness runs on a binary is the text of harness/unix/python/*.py, read through
// pythonSource; a launcher is those files after two generated lines of data (no binary needed).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DECOMPRESS,
  LAUNCHER_CORE_MODULE,
  LEAF,
  ORIGIN,
  launcherCoreSource,
  launcherSource,
  type LauncherStep,
} from '../../harness/unix/launcher.ts';
import { pythonSource } from '../../harness/unix/python/pythonSource.ts';

const dir = new URL('../../harness/unix/python/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.py'))
  .map((f) => f.slice(0, -'.py'.length))
  .sort();

const steps: LauncherStep[] = [
  { kind: 'main', module: 'mip', argv: ['install', "it's\na\tline"] },
  {
    kind: 'call',
    module: 'upip',
    func: 'install',
    args: ['pkg', new Uint8Array([0, 39, 92])],
    kwargs: { target: '/lib' },
    attributes: { index_urls: ['http://x'], debug: true },
  },
  { kind: 'imports', modules: ['sys', 'pkg.sub'] },
  { kind: 'decompress', key: "a key's\nname", file: '/tmp/x.gz', format: 'gzip', wbits: 15 },
];

describe('harness/unix/python/*.py', () => {
  it('every file is non-empty and is what pythonSource returns', () => {
    expect(names).toEqual(expect.arrayContaining(['launcher_boot', 'launcher_start', 'leaf', 'import_origin', 'decompress', 'probe_binary']));
    for (const name of names) {
      const text = readFileSync(new URL(`${name}.py`, dir), 'utf8');
      expect(text.trim(), name).not.toBe('');
      expect(pythonSource(name), name).toBe(text);
    }
  });

  it('LEAF, ORIGIN and DECOMPRESS are leaf.py, import_origin.py and decompress.py, each defining its one function', () => {
    expect(LEAF).toBe(pythonSource('leaf'));
    expect(ORIGIN).toBe(pythonSource('import_origin'));
    expect(DECOMPRESS).toBe(pythonSource('decompress'));
    expect(LEAF).toMatch(/^def _miprig_leaf\(name\):$/m);
    expect(ORIGIN).toMatch(/^def _miprig_origin\(name\):$/m);
    expect(DECOMPRESS).toMatch(/^def _miprig_decompress\(path, fmt, wbits\):$/m);
  });

  it('the precompiled core is launcher_boot.py and the three helpers, and the files that load it name its module', () => {
    expect(launcherCoreSource()).toBe([pythonSource('launcher_boot'), LEAF, ORIGIN, DECOMPRESS].join('\n'));
    expect(pythonSource('launcher_use_core')).toContain(`from ${LAUNCHER_CORE_MODULE} import `);
    expect(pythonSource('launcher_use_core')).toContain(`del sys.modules['${LAUNCHER_CORE_MODULE}']`);
    expect(pythonSource('launcher_core_check')).toContain(`import ${LAUNCHER_CORE_MODULE}\n`);
  });

  it.each(steps.flatMap((step) => (['inline', 'module'] as const).map((core) => ({ step, core }))))(
    'a $step.kind launcher ($core) is two lines of data followed by the fixed files',
    ({ step, core }) => {
      const source = launcherSource({
        runRoot: "/tmp/miprig-it's\nhere/",
        portMap: { 80: 40001, 443: 40002 },
        dnsPort: 40001,
        sysPath: ['', '/tmp/lib'],
        tcpNoDelay: false,
        core,
        step,
      });
      const [config, stepLine, ...rest] = source.split('\n');
      expect(config).toBe(
        "_miprig_config = ['/tmp/miprig-it\\'s\\nhere', [[80, 40001], [443, 40002]], 40001, False, ['', '/tmp/lib']]",
      );
      expect(stepLine).toMatch(/^_miprig_step = \[.*\]$/);
      const helpers = { main: [], call: [LEAF], imports: [LEAF, ORIGIN], decompress: [DECOMPRESS] }[step.kind];
      expect(rest.join('\n')).toBe(
        [
          pythonSource(core === 'inline' ? 'launcher_boot' : 'launcher_use_core'),
          pythonSource('launcher_start'),
          ...(core === 'inline' ? helpers : []),
          pythonSource(`step_${step.kind}`),
        ].join('\n'),
      );
    },
  );

  it('the step values are the data step_<kind>.py documents', () => {
    const stepLine = (step: LauncherStep) => launcherSource({ runRoot: '/r', portMap: {}, step }).split('\n')[1];
    expect(stepLine(steps[0]!)).toBe("_miprig_step = ['mip', 'install', 'it\\'s\\na\\tline']");
    expect(stepLine(steps[1]!)).toBe(
      "_miprig_step = ['upip', 'install', ['pkg', b'\\x00\\'\\\\'], {'target': '/lib'}, [['index_urls', ['http://x']], ['debug', True]]]",
    );
    expect(stepLine(steps[2]!)).toBe("_miprig_step = ['sys', 'pkg.sub']");
    expect(stepLine(steps[3]!)).toBe("_miprig_step = ['a key\\'s\\nname', '/tmp/x.gz', 'gzip', 15]");
  });

  it('a keyword argument that is not a Python identifier is refused, as before', () => {
    expect(() => launcherSource({ runRoot: '/r', portMap: {}, step: { kind: 'call', module: 'm', func: 'f', kwargs: { 'a-b': 1 } } })).toThrow(
      'launcherSource: keyword argument name "a-b" is not a Python identifier',
    );
  });
});
