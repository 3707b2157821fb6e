import type { EncodedResponse, RequestRecord, WireRequest } from './wire.ts';

/**
 * The mocked network as a client model sees it. `createWorld` builds one from a scenario's
 * `world` section; the virtual device's HTTP client and the loopback server both use it.
 */
export interface Network {
  /** Host names that resolve; a `dnsFailure` fault makes `resolves` false for a host. */
  resolves(host: string): boolean;
  /** Answer one request with the bytes a server would write. Records it in `log`. */
  exchange(request: WireRequest): Promise<EncodedResponse>;
  /**
   * Settles once `resolves` answers from the scenario's world (a world still being built answers
   * true until then). Absent: `resolves` is always ready.
   */
  ready?(): Promise<void>;
  /** Every request so far, in order. */
  readonly log: RequestRecord[];
}
