/**
 * How much a scenario file may ask of the loader. A scenario is a hand-written description, so
 * each limit sits far above anything a real one needs and far below what would exhaust the
 * process; going over one is a bad scenario file (exit 2, one line), never a crash or a hang.
 *
 * @example
 * if (bytes.length > INPUT_LIMITS.fileBytes) throw new ScenarioError(file, '', '… over the 8 MiB limit …');
 */
export const INPUT_LIMITS = {
  /**
   * 8 MiB. The shipped scenarios are 1–3 KiB; large content is described, not pasted
   * (`{repeat: …}`, `{random: …}`, `{gzip: …}`, `{sdist: …}`), so this leaves room for a pasted
   * base64 archive or two while bounding memory and time: a file this size loads in about a
   * second when it is mostly one long value, and in about 6 s when it is all structure (450 000
   * list items), measured on one core.
   */
  fileBytes: 8 * 1024 * 1024,
  /**
   * 100 levels of mappings and lists inside each other. A real scenario nests about a dozen
   * (world → github → repo → refs → branch → file → json → …). The YAML composer recurses per
   * level and overflows Node's default stack at about 860 levels of flow collections; later stages
   * (the schema's own recursion through `{gzip: {content: …}}`) need stack too, so this keeps a
   * wide margin. A deeper body, e.g. JSON that tests a parser's recursion limit, is written as
   * text.
   */
  nestingDepth: 100,
  /**
   * The `yaml` package's `maxAliasCount` (its default too): how many times aliases may be
   * expanded, each counted by the aliases inside what it expands. Anchors and aliases that share
   * a block between variants stay far below it; an alias bomb (`b: [*a, *a, …]`, `c: [*b, *b, …]`)
   * goes over it within a few levels, before its expansion can take the memory and the time.
   */
  aliasExpansions: 100,
} as const;
