import type { Expectations } from '../../src/scenario/schema.ts';
import type { RequestRecord } from '../../src/net/wire.ts';
import type { CheckResult } from './CheckResult.ts';
import { formatRequest, parseRequestLine, requestAnswer, type ExpectedRequest } from './parseRequestLine.ts';

type RequestsExpectation = NonNullable<Expectations['requests']>;

function toExpected(item: RequestsExpectation['list'][number]): ExpectedRequest {
  return typeof item === 'string' ? parseRequestLine(item) : { method: item.method, url: item.url, ...(item.status !== undefined ? { status: item.status } : {}) };
}

const same = (e: ExpectedRequest, r: RequestRecord): boolean =>
  e.method === r.method && e.url === r.url && (e.status === undefined || e.status === requestAnswer(r));

/** The request log against `expect.requests`: ordered, exactly or as a subsequence. */
export function requestsCheck(expected: RequestsExpectation, log: readonly RequestRecord[]): CheckResult {
  const want = expected.list.map(toExpected);
  let pass: boolean;
  if (expected.mode === 'exact') pass = want.length === log.length && want.every((e, i) => same(e, log[i]!));
  else {
    let j = 0;
    for (const r of log) if (j < want.length && same(want[j]!, r)) j++;
    pass = j === want.length;
  }
  return {
    name: 'requests',
    pass,
    expected: want.map((e) => (e.status === undefined ? `${e.method} ${e.url}` : `${e.method} ${e.url} → ${e.status}`)),
    actual: log.map(formatRequest),
  };
}

/** In a strict world every request must have been answered by a declared route. */
export function worldCheck(log: readonly RequestRecord[], acknowledged: (r: RequestRecord) => boolean): CheckResult {
  const unmatched = log.filter((r) => !r.matched && !acknowledged(r)).map((r) => `${r.method} ${r.url}`);
  return { name: 'world', pass: unmatched.length === 0, expected: 'every request matches a declared route', actual: unmatched.length ? { unmatched } : 'all matched' };
}
