// cpythonJsonError checked against CPython's own json module (python3 on PATH; skips without).
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { cpythonJsonError } from '../../src/py/cpythonJsonError.ts';

const DOCS = [
  '{"v": 1, "hashes": [',
  '<html><body>Sign in</body></html>',
  '',
  '   \n  ',
  '{"v": 1, "hashes": [["a.py", "abc"]], "deps": [["x", "1.0"]]}',
  '{"v": 1,}',
  '{"v" 1}',
  '{"v": 1 "w": 2}',
  '[1, 2',
  '[1 2]',
  '{"name": "unterminated',
  '{"a": "tab\tinside"}',
  '{"a": 1} trailing',
  '{\n  "urls": [\n    ["a.py", "github:x/y/a.py"],\n  ]\n}',
  '{"v": tru}',
  '{"v": -}',
];

const probe = spawnSync(
  'python3',
  ['-c', 'import json,sys\nfor d in json.load(sys.stdin):\n    try:\n        json.loads(d); print("")\n    except json.JSONDecodeError as e:\n        print(str(e))'],
  { input: JSON.stringify(DOCS), encoding: 'utf8' },
);

it.skipIf(probe.status !== 0)(`gives CPython's own JSONDecodeError message for each document${probe.status === 0 ? '' : ' (skipped: needs python3)'}`, () => {
  const cpython = probe.stdout.split('\n').slice(0, DOCS.length).map((l) => l || undefined);
  expect(DOCS.map((d) => cpythonJsonError(d))).toEqual(cpython);
});
