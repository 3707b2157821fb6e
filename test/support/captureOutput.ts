import { stripVTControlCharacters } from 'node:util';
import { vi } from 'vitest';

/**
 * Run `fn` with stdout and stderr captured; returns what was written (colour codes removed: CI
 * turns colours on) and fn's result.
 */
export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const result = await fn();
    return { result, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
