/**
 * A scenario's `version` for upip. upip's API (`upip.install(spec_or_list, path)`) and its command
 * line take no version argument; from v1.18 `install_pkg` splits a spec on `==` instead. So a
 * scenario's `spec: X, version: V` becomes `X==V`, on every backend and in both forms.
 */

/**
 * The specs as upip gets them: each `X` becomes `X==version`, unless it already pins one (contains
 * `==`, which then wins) — the same rule for the API call and the `micropython -m upip` argv.
 * Without a version the specs are returned unchanged.
 *
 * @example
 * pinnedUpipSpecs(['micropython-foo'], '1.0')               // ['micropython-foo==1.0']
 * pinnedUpipSpecs(['micropython-foo==0.9', 'bar'], '1.0')   // ['micropython-foo==0.9', 'bar==1.0']
 * pinnedUpipSpecs(['micropython-foo'])                      // ['micropython-foo']
 */
export function pinnedUpipSpecs(specs: readonly string[], version?: string): string[] {
  if (version === undefined) return [...specs];
  return specs.map((s) => (s.includes('==') ? s : `${s}==${version}`));
}
