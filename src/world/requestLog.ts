/**
 * The world's request log: one `RequestRecord` per exchange, in order. Both backends report
 * it, and a strict world fails the scenario on any record with `matched: false`.
 */
import type { RequestRecord } from '../net/wire.ts';

/**
 * An append-only list of requests.
 *
 * @example
 * const log = new RequestLog();
 * log.record({ method: 'GET', url: 'https://h/x', status: 404, bytes: 0, headers: [], matched: false });
 * log.unmatched().length // 1
 */
export class RequestLog {
  readonly records: RequestRecord[] = [];

  record(entry: RequestRecord): void {
    this.records.push(entry);
  }

  /** Requests no route of the world answered. */
  unmatched(): RequestRecord[] {
    return this.records.filter((r) => !r.matched);
  }
}
