/*
 * Failed builds mostly fail for one of a few missing host packages. Each rule: a line make (or
 * the compiler) prints, and what to install. Debian package names, since that is what the
 * configurations name (libmbedtls-dev).
 */
const RULES: ReadonlyArray<{ match: RegExp; hint: string }> = [
  { match: /ffi\.h: No such file|Package libffi was not found|No package 'libffi' found/, hint: 'install libffi and pkg-config (Debian: apt install libffi-dev pkg-config)' },
  { match: /mbedtls\/[\w.]+\.h: No such file|cannot find -lmbed(tls|x509|crypto)/, hint: 'install the system mbedTLS library (Debian: apt install libmbedtls-dev)' },
  { match: /python3?: (command )?not found|No such file or directory: 'python3?'|\/usr\/bin\/env: .python3?.: No such file/, hint: 'install python3 (the build runs its scripts)' },
  { match: /\b(cc|gcc): (command )?not found|\bcc: No such file or directory/, hint: 'install a C compiler (Debian: apt install build-essential)' },
];

/**
 * What to install, judging by a failed build's log; empty when nothing known matches.
 *
 * @example
 * makeHints("modffi.c:37:10: fatal error: ffi.h: No such file or directory");
 * // ['install libffi and pkg-config (Debian: apt install libffi-dev pkg-config)']
 */
export function makeHints(log: string): string[] {
  return RULES.filter((r) => r.match.test(log)).map((r) => r.hint);
}
