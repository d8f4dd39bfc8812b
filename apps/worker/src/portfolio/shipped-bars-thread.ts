/**
 * Runs in a worker thread (shipped-market-data.ts): the shipped bars file's 138,000 rows (gunzip, CSV, a
 * Decimal per price) take 3-8 s of CPU to parse, which on the worker's own thread held the ingest and
 * surveillance of the live flow back for as long at every start (issue 15: first alerts within a
 * minute of `npm start`). Posts the rows of the symbols not stored yet (workerData), as text.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadDailyBars } from "@nexus/sim";
import { toMarketBarRow, toMarketBarText } from "./bar-rows.js";

const stored = new Set<string>(workerData as string[]);
parentPort?.postMessage(
  loadDailyBars()
    .bars.filter((bar) => !stored.has(bar.symbol))
    .map((bar) => toMarketBarText(toMarketBarRow(bar))),
);
