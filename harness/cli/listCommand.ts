import pc from 'picocolors';
import { selected } from '../runScenarios.ts';
import { loadAll } from './loadAll.ts';
import { terminalText } from '../reporters/terminalText.ts';

/** `miprig list`: one line per scenario — name, file, tags, device. */
export async function listCommand(paths: string[], opts: { filter?: string }): Promise<number> {
  const scenarios = (await loadAll(paths)).filter((s) => selected(s, opts.filter));
  for (const s of scenarios) {
    const { device } = s.spec;
    // Names, tags and paths are the scenario author's text: escaped before the terminal sees them.
    const tags = s.spec.tags.length ? pc.cyan(` [${s.spec.tags.map(terminalText).join(', ')}]`) : '';
    process.stdout.write(`${terminalText(s.spec.name)}${tags}  ${pc.dim(`${device.port} ${device.version}  ${terminalText(s.file)}`)}\n`);
  }
  process.stdout.write(pc.dim(`${scenarios.length} scenarios\n`));
  return 0;
}
