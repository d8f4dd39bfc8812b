import type { Timer } from "./venue";

export type TimedAnswer<T> =
  { kind: "answered"; value: T } | { kind: "failed"; error: unknown } | { kind: "timeout" };

/**
 * Settles with the promise's value or error, or with "timeout" once `ms` pass on the injected timer —
 * whichever comes first. Never rejects; the timer is cancelled when the answer arrives first.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, timer: Timer): Promise<TimedAnswer<T>> {
  return new Promise((resolve) => {
    const cancel = timer.after(ms, () => resolve({ kind: "timeout" }));
    promise.then(
      (value) => {
        cancel();
        resolve({ kind: "answered", value });
      },
      (error: unknown) => {
        cancel();
        resolve({ kind: "failed", error });
      },
    );
  });
}
