import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../src/world/pythonJson.ts';

describe('pythonJsonDumps (CPython json.dumps)', () => {
  it('minifies with (",", ":") like build.py package JSON', () => {
    expect(pythonJsonDumps({ v: 1, hashes: [['hello.py', 'abc']], version: '1.0' }, { separators: [',', ':'] })).toBe(
      '{"v":1,"hashes":[["hello.py","abc"]],"version":"1.0"}',
    );
  });

  it('escapes like ensure_ascii=True', () => {
    expect(pythonJsonDumps('é\x7f\u2603\u{1F600}\n')).toBe('"\\u00e9\\u007f\\u2603\\ud83d\\ude00\\n"');
  });

  it('indents like indent=2, keeping Map key order', () => {
    const value = new Map<string, unknown>([['packages', [new Map<string, unknown>([['versions', new Map([['py', ['1.0']], ['6', ['1.0']]])], ['e', []]])]], ['v', 2]]);
    expect(pythonJsonDumps(value, { indent: 2 })).toBe(
      '{\n  "packages": [\n    {\n      "versions": {\n        "py": [\n          "1.0"\n        ],\n        "6": [\n          "1.0"\n        ]\n      },\n      "e": []\n    }\n  ],\n  "v": 2\n}',
    );
  });
});
