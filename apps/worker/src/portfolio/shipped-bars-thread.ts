/**
 * Runs in a worker thread (shipped-market-data.ts): the shipped bars file's 138,000 rows (gunzip, CSV, a
 * Decimal per price) take 3-8 s of CPU to parse, which on the worker's own thread held the ingest and
 * surveillance of the live flow back for as long at every start (issue 15: first alerts within a
 * minute of `npm start`). Posts the rows of the symbols not stored yet (workerData), as text, in two
 * parts: the `first` symbols' (the demo books', whose risk figures wait for them), parsed alone so they
 * come in seconds, then the others'. Each message is `{ bars, last }`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadDailyBars, loadSectors } from "@nexus/sim";
import { toMarketBarRow, toMarketBarText } from "./bar-rows.js";

const { stored, first } = workerData as { stored: string[]; first: string[] };
const storedSymbols = new Set(stored);
const firstSymbols = new Set(first.filter((symbol) => !storedSymbols.has(symbol)));
const others = new Set(
  loadSectors()
    .map(({ symbol }) => symbol)
    .filter((symbol) => !storedSymbols.has(symbol) && !firstSymbols.has(symbol)),
);
// Never empty: the thread is started only when a shipped symbol is missing, and it is in one of the two.
const parts = [firstSymbols, others].filter((symbols) => symbols.size > 0);
parts.forEach((symbols, index) =>
  parentPort?.postMessage({
    bars: loadDailyBars(symbols).bars.map((bar) => toMarketBarText(toMarketBarRow(bar))),
    last: index === parts.length - 1,
  }),
);
