/** One named comparison of expected vs observed, as reported in every reporter. */
export interface CheckResult {
  /** `files`, `absent`, `requests`, `output`, `outcome`, `exitCode`, `imports`, `findings`, `world`. */
  name: string;
  pass: boolean;
  expected: unknown;
  actual: unknown;
  /** Set when the check failed but the scenario names this divergence (with its reason). */
  knownDivergence?: string;
}
