/**
 * The scenario file format: one YAML file describes one device, one mocked network world,
 * the steps to run and what to expect. Every object is strict: an unknown field is an error,
 * so a typo never silently turns a check off.
 *
 * @example
 * ```yaml
 * name: index install, latest
 * device: { port: esp32, version: 1.22.2 }
 * world:
 *   index:
 *     packages:
 *       hello: { versions: { "1.0": { files: { hello.py: "print('hi')" } } } }
 * steps:
 *   - install: hello
 * expect:
 *   files: { tree: { /lib/hello.mpy: true } }
 *   outcome: done
 * ```
 */
import { z } from 'zod';
import { devicePath, devicePathKey, sysPathEntry } from './devicePathRules.ts';

/** `1.22.2`, `1.20`, or `master` (treated as the newest). */
/**
 * Largest file a scenario may generate (`{random: …}`, `{repeat: …}`): 64 MiB. Ten times what any
 * installer case needs (the largest shipped one is 40 KiB; a window or heap edge needs at most a
 * few hundred KiB), and small enough that a typo (`size: 2000000000`) is a one-line error instead
 * of gigabytes of memory.
 */
export const GENERATED_CONTENT_MAX_BYTES = 64 * 1024 * 1024;

export const versionString = z
  .string()
  .regex(/^(\d+\.\d+(\.\d+)?|master)$/, 'expected a version like 1.22.2 or "master"');

/** A semver-ish range: `>=1.20 <1.25`, `1.22.2`, `<0.4.0`, `*`. Space-separated comparators, all must hold. */
export const versionRange = z
  .string()
  .regex(
    /^\s*(\*|((>=|<=|>|<|=)?\s*(\d+\.\d+(\.\d+)?|master))(\s+((>=|<=|>|<|=)?\s*(\d+\.\d+(\.\d+)?|master)))*)\s*$/,
    'expected a version range like ">=1.20 <1.25"',
  );

/** Bytes of a file, described in the most readable way for the case at hand. */
export const fileContent = z.union([
  z.string().describe('UTF-8 text'),
  z.strictObject({ text: z.string() }),
  z.strictObject({ base64: z.string() }),
  z.strictObject({ json: z.unknown() }).describe('serialised compactly, as the real index does'),
  z
    .strictObject({
      mpy: z.strictObject({
        version: z.number().int().min(0).max(255).default(6),
        sub: z.number().int().min(0).max(3).default(0),
        arch: z.number().int().min(0).max(15).default(0),
        smallIntBits: z.number().int().min(0).max(255).default(31),
        magic: z.string().length(1).default('M'),
        empty: z.boolean().default(false),
      }),
    })
    .describe('a .mpy file with this header; a bytecode-only body that runs as an empty module'),
  z
    .strictObject({
      random: z.strictObject({
        size: z
          .number()
          .int()
          .min(0)
          .max(GENERATED_CONTENT_MAX_BYTES, `over the ${GENERATED_CONTENT_MAX_BYTES / 1024 / 1024} MiB limit for one generated file (no installer test needs more)`),
        seed: z.number().int().default(1),
        period: z.number().int().min(1).optional().describe('repeat the first `period` bytes: every back-reference is that far'),
      }),
    })
    .describe('deterministic pseudo-random bytes (incompressible; with period, compressible only with a window > period)'),
  z
    .strictObject({
      repeat: z
        .strictObject({ text: z.string(), times: z.number().int().min(0) })
        .refine((r) => r.text.length * r.times <= GENERATED_CONTENT_MAX_BYTES, {
          message: `text × times is over the ${GENERATED_CONTENT_MAX_BYTES / 1024 / 1024} MiB limit for one generated file (no installer test needs more)`,
        }),
    })
    .describe('text repeated, e.g. to make a large file'),
  z
    .strictObject({
      gzip: z.strictObject({
        content: z.lazy((): z.ZodType => fileContent),
        windowBits: z.number().int().min(8).max(15).default(15).describe('12 = a 4 KiB window, 15 = CPython\'s default'),
        format: z.enum(['gzip', 'zlib', 'raw']).default('gzip'),
      }),
    })
    .describe('other content, compressed with a chosen window'),
  z
    .strictObject({
      sdist: z.strictObject({
        name: z.string(),
        version: z.string(),
        files: z.record(z.string(), z.lazy((): z.ZodType => fileContent)),
        requires: z.array(z.string()).optional(),
        setupPy: z.boolean().default(true),
        pkgInfo: z.boolean().default(true),
        readme: z.boolean().default(false),
        windowBits: z.number().int().min(8).max(15).default(12),
        numericTerminator: z.enum(['space', 'nul']).default('space'),
        resourceModule: z
          .boolean()
          .default(false)
          .describe("as sdist_upip: every non-.py file inside a package folder also goes into that package's R.py (R = {name: bytes}), for pkg_resources"),
        truncateAt: z.number().int().min(0).optional(),
        level: z.number().int().min(0).max(9).default(9).describe('zlib level; 0 = stored blocks, the tar bytes appear verbatim'),
        style: z
          .enum(['sdist_upip', 'setuptools'])
          .optional()
          .describe('tar layout; default sdist_upip for windowBits ≤ 12, setuptools (directory entries, full egg-info) above'),
      }),
    })
    .describe('a tar.gz source distribution as upip expects (see the archive builders)'),
]);
export type FileContent = z.input<typeof fileContent>;

const fileMap = z.record(z.string(), fileContent);

/** Files by device path: absolute, no `..` (see devicePathRules.ts). */
const deviceFileMap = z.record(devicePathKey({ absolute: true }), fileContent);

// ---------------------------------------------------------------- device

export const portName = z.enum(['unix', 'esp32', 'esp8266', 'rp2', 'stm32', 'pyboard', 'samd', 'webassembly']);
export type PortName = z.infer<typeof portName>;

export const mountSpec = z.strictObject({
  path: devicePath({ absolute: true }).describe('absolute, e.g. /rom'),
  kind: z.enum(['rom', 'fat', 'lfs']).default('lfs').describe('rom = VfsRom (no mkdir, no writes)'),
  readOnly: z.boolean().default(false),
  files: z
    .record(devicePathKey({ absolute: false }), fileContent)
    .optional()
    .describe('files inside the mount, relative to its path or absolute'),
});

/**
 * Heap size as the unix `-X heapsize` grammar accepts it (`64K`, `2M`, `65536`), or relative to
 * what the build's TLS keeps per connection, `12K + tls`, resolved per build (buildProfile.ts).
 */
export const heapSize = z.union([
  z.number().int().min(700),
  z.string().regex(/^(0x[0-9a-fA-F]+|\d+)w?[KkMm]?$|^\s*\d+\s*[KkMm]?\s*\+\s*tls\s*$/, 'a size such as 64K, or "<size> + tls" (e.g. "12K + tls")'),
]);

export const deviceSpec = z.strictObject({
  port: portName.default('unix'),
  version: versionString.default('1.27.0'),
  sysPath: z.array(sysPathEntry).optional().describe('replaces the port default (unix: as MICROPYPATH would, plus the leading "")'),
  mounts: z.array(mountSpec).default([]),
  files: deviceFileMap.default({}),
  frozen: fileMap.default({}).describe('frozen module name (e.g. asyncio/__init__.py) to source'),
  heap: heapSize.optional(),
  network: z.boolean().default(true),
});
export type DeviceSpec = z.infer<typeof deviceSpec>;

// ---------------------------------------------------------------- world

export const indexVersionSpec = z.strictObject({
  files: fileMap,
  deps: z.array(z.string()).default([]).describe('other index packages whose files are flattened in, as require() does'),
  author: z.string().default(''),
  description: z.string().default(''),
  license: z.string().default('MIT'),
});

export const indexPackageSpec = z.strictObject({
  versions: z.record(z.string(), indexVersionSpec),
  latest: z.string().optional().describe('defaults to the highest version, as a fresh index build publishes'),
});

export const indexSpec = z.strictObject({
  url: z.string().url().default('https://micropython.org/pi/v2'),
  hashPrefix: z.number().int().min(4).max(64).default(8),
  packages: z.record(z.string(), indexPackageSpec).default({}),
  mpyTrees: z.array(z.string()).default(['6', 'py']).describe('which /package/{tree}/ trees exist'),
});

export const gitRepoSpec = z.strictObject({
  defaultBranch: z.string().default('main'),
  refs: z.record(z.string(), fileMap),
});

/**
 * Response headers: a map written as `Name: value` lines, or a list of lines written byte for
 * byte (no space after the colon, odd case, the same name twice, a line without a colon).
 */
export const headerLines = z.union([
  z.record(z.string(), z.string()).describe('name → value, each sent as "Name: value"'),
  z
    .array(z.string().regex(/^[^\r\n]*$/, 'a header line holds no CR or LF (the line end is added)'))
    .describe('lines sent verbatim, in order, e.g. "Location:https://example.com/x"'),
]);
export type HeaderLinesSpec = z.infer<typeof headerLines>;

export const plainRoute = z.union([
  fileContent,
  z.strictObject({
    body: fileContent.optional(),
    status: z.number().int().min(100).max(599).default(200),
    headers: headerLines.default({}),
  }),
]);

/** Which requests a fault applies to. */
export const routeSelector = z.union([
  z.strictObject({ url: z.string() }),
  z.strictObject({ match: z.string().describe('regular expression on the full URL') }),
  z.strictObject({ indexFile: z.strictObject({ package: z.string(), path: z.string() }) }),
]);

export const faultSpec = z.strictObject({
  on: routeSelector,
  status: z.number().int().min(100).max(599).optional(),
  redirect: z
    .strictObject({
      location: z.string(),
      status: z.number().int().default(302),
      headerName: z.string().default('Location').describe('e.g. "location" to send it lower-case'),
    })
    .optional(),
  body: fileContent.optional(),
  headers: headerLines
    .optional()
    .describe('header lines added to the response; they replace the lines of the same names it had'),
  invalidJson: z.boolean().optional(),
  htmlPage: z.boolean().optional(),
  chunked: z.boolean().optional().describe('Transfer-Encoding: chunked framing'),
  contentLength: z.union([z.number().int().min(0), z.literal('omit')]).optional().describe('a wrong or missing Content-Length'),
  truncateAt: z.number().int().min(0).optional().describe('close the connection after this many body bytes'),
  neverClose: z.boolean().optional().describe('send the body, then keep the connection open'),
  closeWithoutResponse: z
    .boolean()
    .optional()
    .describe('read the request, then close the connection without sending a byte'),
  dnsFailure: z.boolean().optional().describe('the host name does not resolve'),
  times: z.number().int().min(1).optional().describe('apply to the first N matching requests only'),
});
export type FaultSpec = z.infer<typeof faultSpec>;

export const pypiReleaseFile = z.strictObject({
  filename: z.string().optional(),
  url: z.string().optional().describe('defaults to the files host'),
  content: fileContent,
  packagetype: z.enum(['sdist', 'bdist_wheel']).default('sdist'),
});

export const pypiIndexSpec = z.strictObject({
  url: z.string().url(),
  packages: z.record(
    z.string(),
    z.strictObject({
      version: z.string().optional().describe('info.version; defaults to the highest release'),
      releases: z.record(z.string(), z.array(pypiReleaseFile)),
    }),
  ),
});

export const worldSpec = z.strictObject({
  index: indexSpec.optional(),
  github: z.record(z.string(), gitRepoSpec).default({}),
  gitlab: z.record(z.string(), gitRepoSpec).default({}),
  codeberg: z.record(z.string(), gitRepoSpec).default({}),
  http: z.record(z.string(), plainRoute).default({}).describe('absolute URL to a body or a response'),
  pypi: z.array(pypiIndexSpec).default([]),
  filesHost: z.string().url().default('https://files.pythonhosted.org/packages'),
  faults: z.array(faultSpec).default([]),
  strict: z.boolean().default(true).describe('an unmatched request fails the scenario'),
});
export type WorldSpec = z.infer<typeof worldSpec>;

// ---------------------------------------------------------------- steps

export const installerName = z.enum(['mip', 'mip-cmdline', 'upip', 'upip-cmdline', 'micropip', 'mpremote']);
export type InstallerName = z.infer<typeof installerName>;

/** The installers run as a command line, whose whole argv a step may give (`command`). */
const ARGV_FORMS: readonly InstallerName[] = ['mip-cmdline', 'upip-cmdline', 'micropip', 'mpremote'];

export const installStep = z
  .strictObject({
    installer: installerName.default('mip'),
    spec: z
      .union([z.string(), z.array(z.string()).min(1)])
      .optional()
      .describe('the package spec(s); required unless `command` is given'),
    version: z.string().optional().describe('mip.install(version=...) ; for the argv form write spec@version'),
    target: devicePath({ absolute: false }).optional(),
    index: z.string().optional(),
    mpy: z.boolean().default(true).describe('false = --no-mpy / mpy=False'),
    requirements: devicePath({ absolute: false }).optional().describe('upip -r FILE (device path)'),
    argv: z.array(z.string()).optional().describe('raw argv after "install" for the argv forms'),
    command: z
      .array(z.string())
      .optional()
      .describe(
        'the whole argv after `micropython -m mip` (`-m upip`, `micropip.py`, `mpremote`), e.g. [list] or [] for no command; ' +
          'argv forms only, instead of spec and the other fields',
      ),
  })
  .superRefine((step, ctx) => {
    const hasSpec = step.spec !== undefined;
    if (step.command === undefined) {
      if (!hasSpec) ctx.addIssue({ code: 'custom', path: ['spec'], message: 'an install step needs a spec (or, for the argv forms, a command)' });
      return;
    }
    if (!ARGV_FORMS.includes(step.installer)) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: `command is the argv of ${ARGV_FORMS.join(', ')}; set installer to one of them` });
    }
    const others: string[] = (['version', 'target', 'index', 'requirements', 'argv'] as const).filter((k) => step[k] !== undefined);
    if (hasSpec) others.unshift('spec');
    if (others.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: `command gives the whole argv; drop ${others.join(', ')}` });
    }
  })
  // A `command` step has no spec: [] keeps `spec` a list for code that iterates it.
  .transform((step) => ({ ...step, spec: step.spec ?? [] }));
export type InstallStep = z.infer<typeof installStep>;

export const syspathStep = z.union([
  z.strictObject({ set: z.array(z.string()) }),
  z.strictObject({ remove: z.string() }),
  z.strictObject({ append: z.string() }),
  z.strictObject({ insert: z.strictObject({ index: z.number().int(), entry: z.string() }) }),
  z.strictObject({ move: z.strictObject({ entry: z.string(), after: z.string().optional(), before: z.string().optional(), toEnd: z.boolean().optional() }) }),
]);
export type SyspathStep = z.infer<typeof syspathStep>;

export const copyStep = z.strictObject({
  from: devicePath({ absolute: true }).describe('directory on this device'),
  to: devicePath({ absolute: true }).describe('directory on the target device'),
  device: deviceSpec.describe('the device the image is copied to; later import steps run there'),
});

export const decompressStep = z.strictObject({
  file: devicePath({ absolute: false }).describe('device path of the compressed file'),
  format: z.enum(['gzip', 'zlib', 'raw']).default('gzip'),
  wbits: z.number().int().min(8).max(15).default(15).describe('window bits asked for (12 = 4 KiB)'),
  as: z.string().optional().describe('the key in expect.decompress (default: the file path)'),
});

export const resourceStep = z.strictObject({
  package: z.string().describe("the package, as pkg_resources.resource_stream takes it ('' for the top level)"),
  name: z.string().min(1).describe('the resource name inside it, e.g. data/table.bin'),
});

export const step = z.union([
  z.strictObject({ install: z.union([z.string(), installStep]) }),
  z.strictObject({ import: z.union([z.string(), z.array(z.string())]) }),
  z.strictObject({ syspath: syspathStep }),
  z.strictObject({ copy: copyStep }),
  z
    .strictObject({ decompress: decompressStep })
    .describe('read the whole file through the runtime\'s decompressor (uzlib ≤1.20, deflate ≥1.21) on the device heap'),
  z
    .strictObject({ resource: resourceStep })
    .describe("pkg_resources.resource_stream(package, name).read(): prints 'resource PKG/NAME: N bytes, sha256 XXXXXXXX'"),
]);
export type Step = z.infer<typeof step>;

// ---------------------------------------------------------------- expectations

export const fileExpectation = z.union([
  z.literal(true).describe('exists'),
  z.string().describe('exact UTF-8 content'),
  z.strictObject({
    content: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-f]{4,64}$/).optional().describe('full hash or a prefix'),
    size: z.number().int().min(0).optional(),
  }),
]);

export const requestExpectation = z.union([
  z.string().describe('"GET https://host/path → 200" (-> also accepted; → closed / → reset: no response)'),
  z.strictObject({
    method: z.string().default('GET'),
    url: z.string(),
    status: z
      .union([z.number().int(), z.enum(['closed', 'reset'])])
      .optional()
      .describe('closed / reset: the server sent no byte and closed or reset the connection'),
  }),
]);

/**
 * An expected output line. A YAML line like `- Copying: /lib/x.py` is read as a one-key mapping,
 * not a string; say so instead of a puzzling type error.
 */
export const lineExpectation = z.preprocess(
  (value, ctx) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] !== 'regex') {
        const [key] = keys;
        const rest = (value as Record<string, unknown>)[key!];
        // `- Traceback (most recent call last):` ends in a colon: YAML gives the key a null value.
        const line = rest === null ? `${key}:` : `${key}: ${String(rest)}`;
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `YAML read this line as a mapping because it contains ": " or ends in ":" — quote it: ${JSON.stringify(line)}`,
        });
      }
    }
    return value;
  },
  z.union([z.string(), z.strictObject({ regex: z.string() })]),
);

export const outcomeExpectation = z.union([
  z.enum(['done', 'partial', 'not-found', 'no-lib-dir', 'timeout']),
  z.strictObject({ exception: z.string().describe('the last traceback line, e.g. "ValueError: syntax error in JSON"') }),
]);

export const importExpectation = z.union([
  z.enum(['frozen', 'builtin', 'namespace']),
  z.string().describe('a device path like /lib/foo.py, or an exception line like "ImportError: no module named \'x\'"'),
]);

export const expectations = z.strictObject({
  files: z
    .strictObject({
      mode: z.enum(['subset', 'exact']).default('subset'),
      under: devicePath({ absolute: true }).optional().describe('with mode exact: only compare files below this directory'),
      tree: z.record(devicePathKey({ absolute: true, asListed: true }), fileExpectation),
    })
    .optional(),
  absent: z.array(devicePath({ absolute: true, asListed: true })).optional(),
  requests: z
    .strictObject({ mode: z.enum(['exact', 'subset']).default('exact'), list: z.array(requestExpectation) })
    .optional(),
  output: z.strictObject({ mode: z.enum(['exact', 'contains']).default('exact'), lines: z.array(lineExpectation) }).optional(),
  outcome: outcomeExpectation.optional(),
  exitCode: z.number().int().optional(),
  imports: z.record(z.string(), importExpectation).optional(),
  decompress: z
    .record(z.string(), z.string())
    .optional()
    .describe('device path → "ok <bytes>" or the exception line, e.g. "OSError: [Errno 22] EINVAL"'),
  findings: z.array(z.string()).optional().describe('expected finding kinds, e.g. path-escape'),
});
export type Expectations = z.infer<typeof expectations>;

/** Expectations that apply only to some runtime/installer versions; the first match wins per field. */
export const expectationVariant = z.strictObject({
  when: z.strictObject({
    runtime: versionRange.optional(),
    installer: versionRange.optional(),
    backend: z
      .enum(['virtual', 'unix', 'vm'])
      .optional()
      .describe('the kind of backend: virtual (the models), unix (a real binary), vm (a MicroPython VM in-process)'),
    tlsHeap: z
      .string()
      .regex(/^\s*(<=|>=|<|>)\s*\d+\s*[Kk]?\s*$/, 'a bound such as ">=16K"')
      .optional()
      .describe('GC heap one TLS connection keeps on the build that runs (axTLS 320 B, mbedTLS 3 ~3.5K, mbedTLS 2 ~40K), e.g. ">=16K"'),
  }),
  expect: expectations,
  note: z.string().optional(),
});

/** The checks a scenario's expectations turn into, by name (reports and `divergences` use these). */
export const checkName = z.enum(['files', 'absent', 'requests', 'output', 'outcome', 'exitCode', 'imports', 'decompress', 'findings', 'world']);
export type CheckName = z.infer<typeof checkName>;

/**
 * A known difference between the model and a real binary (or the VM, `backend: vm`), named with
 * its reason: a failure of these checks there is reported with the reason and does not fail the
 * run. It never excuses the model (a `virtual` backend) itself.
 */
export const divergenceSpec = z.strictObject({
  backend: z
    .enum(['unix', 'vm'])
    .default('unix')
    .describe('whose failure it excuses: unix (a real binary, the default) or vm (the webassembly VM, another port of the same release)'),
  runtime: versionRange.optional(),
  checks: z.array(checkName).min(1).describe('check names whose failure on a real binary is expected'),
  reason: z.string(),
});

export const scenarioSpec = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  refs: z.array(z.union([z.string(), z.number()])).default([]),
  tags: z.array(z.string()).default([]),
  device: deviceSpec.prefault({}),
  world: worldSpec.prefault({}),
  steps: z.array(step).min(1),
  expect: expectations.prefault({}),
  variants: z.array(expectationVariant).default([]),
  divergences: z.array(divergenceSpec).default([]),
  timeoutMs: z.number().int().min(1).optional(),
});
export type ScenarioSpec = z.infer<typeof scenarioSpec>;
