/** Helpers shared by the platform tests (unit and integration). */
import type { Decoded, Delivery, RawMessage } from "../src/bus/types";

export interface TestEvent {
  event_id: string;
  symbol: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A decoder in the shape the worker uses: JSON with an event_id, anything else rejected with a reason. */
export const decodeTestEvent = (message: RawMessage): Decoded<TestEvent> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(message.value));
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || typeof (parsed as TestEvent).event_id !== "string")
    return { ok: false, reason: "missing event_id" };
  return { ok: true, value: parsed as TestEvent };
};

export const event = (id: string, symbol = "AAPL"): { key: string; value: string } => ({
  key: symbol,
  value: JSON.stringify({ event_id: id, symbol }),
});

export const ids = (deliveries: readonly Delivery<TestEvent>[]): string[] =>
  deliveries.map((d) => d.value.event_id);

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`. */
export const eventually = async (
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export const deferred = (): Deferred => {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

export const text = (value: Uint8Array): string => new TextDecoder().decode(value);
