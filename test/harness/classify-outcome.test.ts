// Outcomes are judged from printed lines by one rule for every backend (exit codes are not
// outcomes: `-m mip` exits 0 after "Package not found"; `-m upip` exits 0 after any error).
import { describe, expect, it } from 'vitest';
import { classifyOutcome } from '../../harness/observation/classifyOutcome.ts';

describe('classifyOutcome', () => {
  it.each([
    [['Installing x (latest) from https://micropython.org/pi/v2 to /lib', 'Copying: /lib/x.mpy', 'Done'], 'done'],
    [['Installing x (latest) from …', 'Package not found: https://…/latest.json', 'Package may be partially installed'], 'not-found'],
    [['Downloading https://h/x.py to /lib', 'Error 404 requesting https://h/x.py', 'Package may be partially installed'], 'partial'],
    [['Unable to find lib dir in sys.path'], 'no-lib-dir'],
    [['Installing to: /lib/', "Error installing 'x': Package not found, packages may be partially installed"], 'not-found'],
    [['Installing to: /lib/', "Error installing 'x': [Errno 22] EINVAL, packages may be partially installed"], 'partial'],
    [['Installing to: /lib/', 'Installing x 1.0 from https://…/x-1.0.tar.gz'], 'done'],
    [['Error: Unable to resolve micropython.org (no Internet?)'], 'partial'],
    [[], 'none'],
  ])('%j → %s', (lines, kind) => {
    expect(classifyOutcome(lines).kind).toBe(kind);
  });

  it('takes the last exception line after a traceback, even when its text spans lines', () => {
    const lines = ['Installing x …', 'Traceback (most recent call last):', 'ValueError: Unsupported Transfer-Encoding: chunked\r', ''];
    expect(classifyOutcome(lines)).toEqual({ kind: 'exception', line: 'ValueError: Unsupported Transfer-Encoding: chunked\r' });
  });

  it('a timeout wins over whatever was printed before it', () => {
    expect(classifyOutcome(['Copying: /lib/x.py'], true)).toEqual({ kind: 'timeout' });
  });
});
