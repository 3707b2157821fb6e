/**
 * memfs (the virtual device's volume) asks `process.getuid()` and `getgid()` for every node it
 * creates and every permission check — a system call each time, 0.5 s of a 1 000-scenario run
 * (CPU profile of the CLI bundle). A process's ids do not change unless it calls setuid, which
 * miprig never does, so the CLI and its corpus threads, which own their process, answer them from
 * the first call. The library entry points leave `process` alone.
 *
 * @example
 * cacheProcessIds(); // once, at CLI start
 */
export function cacheProcessIds(): void {
  for (const name of ['getuid', 'getgid'] as const) {
    const real = process[name]?.bind(process);
    if (!real) continue;
    const id = real();
    process[name] = () => id;
  }
}
