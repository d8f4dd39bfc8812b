/** One measured figure. `target` is the issue's goal; `better` says which side of it passes. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
  better: "higher" | "lower";
}

export type Bench = () => Promise<BenchResult[]>;

/**
 * Where a bench connects: a PostgreSQL or Redis URL, a Kafka broker list. bench/run.ts checks each before
 * running the bench, starts Kafka if none answers, and skips the bench when a service cannot be had.
 */
export interface BenchServices {
  postgres?: string;
  redis?: string;
  kafka?: string;
}

/** What a bench/*.bench.ts file exports: the bench, and the services it needs (none when absent). */
export interface BenchModule {
  default: Bench;
  services?: BenchServices;
}
