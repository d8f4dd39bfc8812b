import { setTimeout as sleep } from "node:timers/promises";

/** Waits `ms`, returning early (without throwing) when `signal` aborts, e.g. because the consumer stops. */
export const pause = async (ms: number, signal: AbortSignal): Promise<void> => {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
};
