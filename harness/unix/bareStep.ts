import { DECOMPRESS, LEAF, ORIGIN, type LauncherStep } from './launcher.ts';
import { pyLiteral } from './pyLiteral.ts';

/**
 * The command lines that run a step on a bare binary (the LD_PRELOAD shim redirects traffic and
 * paths, so nothing of the harness is imported): an install is exactly what a user types —
 * `micropython -m mip install …`, or `micropython -c "import mip; mip.install(…)"` for the API
 * form. An import step is one process per module, `-c "import NAME"` followed by lines that print
 * where the module came from (`miprig-import: NAME ORIGIN`); a failed import prints the binary's
 * own traceback and those lines never run. A decompress step runs the read loop as `-c` source.
 *
 * `sysPath0` is what `sys.path[0]` must be: the unix port always starts with `''`; anything else
 * is set first by `-c` steps and cannot be expressed for `-m` ones (an error naming the step).
 *
 * @example
 * bareInvocations({ kind: 'main', module: 'mip', argv: ['install', 'pkg'] });
 * // [['-m', 'mip', 'install', 'pkg']]
 * bareInvocations({ kind: 'imports', modules: ['a', 'b'] }).length; // 2
 */
export function bareInvocations(step: LauncherStep, sysPath?: readonly string[]): string[][] {
  // MICROPYPATH gives everything after sys.path[0] = ''; only a different [0] needs source.
  const pathFix = sysPathPrelude(sysPath);
  switch (step.kind) {
    case 'main':
      if (pathFix) throw new Error(`-m ${step.module} cannot run with sys.path[0] = ${JSON.stringify(sysPath?.[0])}: the unix port always starts sys.path with ''`);
      return [['-m', step.module, ...step.argv]];
    case 'call': {
      const kwargs = Object.entries(step.kwargs ?? {}).map(([name, value]) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`keyword argument name ${JSON.stringify(name)} is not a Python identifier`);
        return `${name}=${pyLiteral(value)}`;
      });
      const args = [...(step.args ?? []).map(pyLiteral), ...kwargs].join(', ');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(step.module)) throw new Error(`module ${JSON.stringify(step.module)} is not a Python identifier`);
      const assigns = Object.entries(step.attributes ?? {}).map(([name, value]) => `${step.module}.${name} = ${pyLiteral(value)}\n`);
      return [['-c', `${pathFix}import ${step.module}\n${assigns.join('')}${step.module}.${step.func}(${args})\n`]];
    }
    case 'imports':
      return step.modules.map((name) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name)) throw new Error(`import: ${JSON.stringify(name)} is not a module name`);
        return ['-c', `${pathFix}import ${name}\n${LEAF}${ORIGIN}print('miprig-import: ' + ${pyLiteral(name)} + ' ' + _miprig_origin(${pyLiteral(name)}))\n`];
      });
    case 'decompress':
      return [
        [
          '-c',
          `${pathFix}${DECOMPRESS}print('miprig-decompress: ' + ${pyLiteral(step.key)} + '\\t' + _miprig_decompress(${pyLiteral(step.file)}, ${pyLiteral(step.format)}, ${Number(step.wbits)}))\n`,
        ],
      ];
  }
}

/**
 * The source a `-c` step starts with so that `sys.path` is the device's: nothing when its first
 * entry is `''` (MICROPYPATH gives the rest), else a line that sets the whole list.
 *
 * @example
 * sysPathPrelude(['', '/lib']);  // ''
 * sysPathPrelude(['/lib', '']);  // "import sys\nsys.path[:] = ['/lib', '']\n"
 */
export function sysPathPrelude(sysPath: readonly string[] | undefined): string {
  return sysPath !== undefined && sysPath[0] !== '' ? `import sys\nsys.path[:] = ${pyLiteral([...sysPath])}\n` : '';
}
