/** One measured figure. `target` is the goal; `better` says which side of it passes. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number;
  better: "higher" | "lower";
}

export type Bench = () => Promise<BenchResult[]>;
