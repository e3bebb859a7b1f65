/**
 * Benchmarks print figures; they never assert. Each bench file runs in its own process (see
 * run-all.js) so that its peak RSS is its own. A figure line is one JSON object on stdout:
 *   {"bench":"plan dr","wallMs":812,"peakRssMb":231,...extra}
 */
import { performance } from "node:perf_hooks";

export interface Figure {
  bench: string;
  wallMs: number;
  peakRssMb: number;
  [extra: string]: string | number | boolean;
}

/** Runs `fn` once, then prints and returns its wall time and the process's peak RSS so far. */
export async function measure(bench: string, fn: () => Promise<Record<string, string | number | boolean> | void>): Promise<Figure> {
  const start = performance.now();
  const extra = (await fn()) ?? {};
  const wallMs = Math.round(performance.now() - start);
  // maxRSS is in kilobytes and covers the whole process lifetime: one measured job per process.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const figure: Figure = { bench, wallMs, peakRssMb, ...extra };
  process.stdout.write(JSON.stringify(figure) + "\n");
  return figure;
}
