import type { ScenarioResult } from '../ScenarioResult.ts';
import { terminalText } from '../reporters/terminalText.ts';

/** Where progress goes: a stream, and whether it is a terminal (a live line) or not (a line each). */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

const MARK: Record<ScenarioResult['status'], string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };

/**
 * Piped lines go out at most this often, the ones in between together: a write to a pipe is a
 * system call, and a line each cost a 1 000-scenario virtual run ~0.1 s. A line that comes after a
 * quiet spell (a real binary's scenario) goes out at once.
 */
const FLUSH_MS = 100;

/**
 * Progress of a run while it happens (on stderr, so the report on stdout stays clean). On a
 * terminal: one live line, `[12/40] unix:1.27.0 running: <scenario>`, cleared at the end. Piped
 * (CI logs): one line per finished scenario as it finishes, `[12/40] ✓ unix:1.27.0 name (34 ms)`
 * (within FLUSH_MS; `end` writes what is left).
 * Names are printed through `safe` (default: the reporters' `terminalText`), so untrusted text
 * never drives the terminal.
 *
 * @example
 * const p = progress({ total: 40, sink: { write: (s) => process.stderr.write(s), isTTY: !!process.stderr.isTTY } });
 * p.started('unix:1.27.0', 'index install');
 * p.finished(result);
 * p.end();
 */
export function progress(options: { total: number; sink: ProgressSink; safe?: (text: string) => string }) {
  const { total, sink } = options;
  const safe = options.safe ?? terminalText;
  let done = 0;
  let current = '';
  let shown = false;
  let pending = '';
  let lastWrite = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (pending) sink.write(pending);
    pending = '';
    lastWrite = performance.now();
  };
  const line = (text: string): void => {
    pending += text;
    if (performance.now() - lastWrite >= FLUSH_MS) flush();
    else timer ??= setTimeout(flush, FLUSH_MS).unref();
  };
  const live = (): void => {
    const width = Math.max(20, (sink.columns ?? 100) - 1);
    const line = `[${done}/${total}] ${current}`;
    sink.write(`\r\u001b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    shown = true;
  };
  return {
    started(backend: string, scenario: string): void {
      current = `${safe(backend)} running: ${safe(scenario)}`;
      if (sink.isTTY) live();
    },
    finished(r: ScenarioResult): void {
      done++;
      if (sink.isTTY) live();
      else line(`[${done}/${total}] ${MARK[r.status]} ${safe(r.backend)} ${safe(r.scenario.name)}${r.status === 'skip' ? '' : ` (${r.durationMs.toFixed(0)} ms)`}\n`);
    },
    /** Clear the live line (a terminal); when piped, write the lines not yet written. */
    end(): void {
      if (sink.isTTY && shown) sink.write('\r\u001b[2K');
      flush();
    },
  };
}
