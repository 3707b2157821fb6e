import { vi } from 'vitest';

/**
 * Run `fn` with stdout and stderr captured byte for byte — escape sequences included, unlike
 * captureOutput — for tests of what reaches a terminal.
 *
 * @example
 * const { stdout } = await captureRawOutput(() => main(['run', dir]));
 * expect(stdout).not.toContain('\u001b[2J');
 */
export async function captureRawOutput<T>(fn: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  const written = { stdout: '', stderr: '' };
  const spies = (['stdout', 'stderr'] as const).map((name) =>
    vi.spyOn(process[name], 'write').mockImplementation((chunk: string | Uint8Array) => {
      written[name] += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
      return true;
    }),
  );
  try {
    return { result: await fn(), ...written };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
