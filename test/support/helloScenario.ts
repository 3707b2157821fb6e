/**
 * YAML of a small index-install scenario used by the CLI tests: one package `hello` with one
 * file, installed with `mip.install("hello")`.
 *
 * @example
 * helloScenario({ name: 'passes', port: 'esp32', version: '1.22.2', expect: 'expect:\n  outcome: done\n' })
 */
export function helloScenario(opts: { name: string; port: string; version: string; expect: string; extraSteps?: string }): string {
  return `name: ${opts.name}
device: { port: ${opts.port}, version: ${opts.version} }
world:
  index:
    packages:
      hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } } } }
steps:
  - install: hello
${opts.extraSteps ?? ''}${opts.expect}`;
}
