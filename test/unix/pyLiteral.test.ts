import { describe, expect, it } from 'vitest';
import { pyLiteral } from '../../harness/unix/pyLiteral.ts';

describe('pyLiteral', () => {
  it('renders scalars, containers and bytes as MicroPython source', () => {
    expect(pyLiteral({ target: '/lib', mpy: false, n: 3, v: null })).toBe("{'target': '/lib', 'mpy': False, 'n': 3, 'v': None}");
    expect(pyLiteral(["it's", 'a\\b\n\x01', 'ü'])).toBe("['it\\'s', 'a\\\\b\\n\\x01', 'ü']");
    expect(pyLiteral(new Uint8Array([0x41, 0x27, 0x00, 0xff]))).toBe("b'A\\'\\x00\\xff'");
    expect(pyLiteral(1.5)).toBe('1.5');
  });
});
