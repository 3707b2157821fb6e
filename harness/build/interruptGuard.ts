/** A build stopped by SIGINT or SIGTERM; its temporary tree has been removed when this is seen. */
export class BuildInterrupted extends Error {
  override name = 'BuildInterrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

/** What a guarded body can do about signals. */
export interface InterruptScope {
  /** Kill this process group (a child started with `detached: true`) when a signal arrives. Returns a release function. */
  adopt(pid: number | undefined): () => void;
  /** Throw {@link BuildInterrupted} when a signal has arrived. */
  check(): void;
}

/**
 * Run `body` with SIGINT and SIGTERM handled: the first signal kills the process groups the body
 * adopted and makes its next `check()` throw {@link BuildInterrupted}, so the body's own
 * `finally` clean-up runs; a second signal runs `cleanupSync` and exits at once (status 130).
 *
 * @example
 * await withInterruptGuard(() => rmSync(tmp, { recursive: true, force: true }), async (scope) => {
 *   const make = spawn('make', [], { detached: true });
 *   const release = scope.adopt(make.pid);
 *   await once(make, 'close');
 *   release();
 *   scope.check();
 * });
 */
export async function withInterruptGuard<T>(cleanupSync: () => void, body: (scope: InterruptScope) => Promise<T>): Promise<T> {
  let signal: NodeJS.Signals | undefined;
  const groups = new Set<number>();
  const onSignal = (received: NodeJS.Signals): void => {
    if (signal !== undefined) {
      try {
        cleanupSync();
      } finally {
        process.exit(130);
      }
    }
    signal = received;
    for (const pid of groups) killGroup(pid);
  };
  const scope: InterruptScope = {
    adopt(pid) {
      if (pid === undefined) return () => {};
      groups.add(pid);
      if (signal !== undefined) killGroup(pid);
      return () => groups.delete(pid);
    },
    check() {
      if (signal !== undefined) throw new BuildInterrupted(signal);
    },
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await body(scope);
    scope.check();
    return result;
  } catch (err) {
    scope.check(); // a failure caused by the kill is the interrupt
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: already gone.
  }
}
