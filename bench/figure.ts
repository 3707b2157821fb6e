/** One measured figure, as `npm run bench` prints it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, e.g. "≤ 2 ms", and whether this run met it. */
  target?: { text: string; met: boolean };
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
