// A request the server answered with no byte (closed or reset) is written `→ closed` / `→ reset`
// in expectations, reports and `--update`, and carries `noResponse` in the JSON report.
import { describe, expect, it } from 'vitest';
import { formatRequest, parseRequestLine } from '../../harness/checks/parseRequestLine.ts';
import { requestsCheck } from '../../harness/checks/requestsCheck.ts';
import type { RequestRecord } from '../../src/net/wire.ts';

const record = (over: Partial<RequestRecord>): RequestRecord => ({ method: 'GET', url: 'http://h/x', status: 200, bytes: 0, headers: [], matched: true, ...over });

describe('requests without a response', () => {
  it('read and write as → closed / → reset', () => {
    expect(parseRequestLine('GET http://h/x → reset')).toEqual({ method: 'GET', url: 'http://h/x', status: 'reset' });
    expect(parseRequestLine('http://h/x -> closed')).toEqual({ method: 'GET', url: 'http://h/x', status: 'closed' });
    expect(formatRequest(record({ status: 0, noResponse: 'reset' }))).toBe('GET http://h/x → reset');
    expect(formatRequest(record({}))).toBe('GET http://h/x → 200');
  });

  it('match only a request that got no response of that kind', () => {
    const log = [record({ status: 0, noResponse: 'closed' })];
    expect(requestsCheck({ mode: 'exact', list: ['GET http://h/x → closed'] }, log).pass).toBe(true);
    expect(requestsCheck({ mode: 'exact', list: ['GET http://h/x → reset'] }, log).pass).toBe(false);
    expect(requestsCheck({ mode: 'exact', list: [{ method: 'GET', url: 'http://h/x', status: 'closed' }] }, log).pass).toBe(true);
    expect(requestsCheck({ mode: 'exact', list: [{ method: 'GET', url: 'http://h/x', status: 0 }] }, log).pass).toBe(false);
    expect(requestsCheck({ mode: 'exact', list: ['GET http://h/x'] }, log).pass).toBe(true);
  });
});
