// One attempt's abort: by the caller's signal, or by the attempt's own timeout, able to tell
// the two apart afterwards.

export interface AttemptSignal {
  readonly signal: AbortSignal;
  /** True once the timeout, not the caller, aborted the attempt. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
}

export function createAttemptSignal(caller: AbortSignal | null, timeoutMs: number): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort(caller!.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    timeoutMs,
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Waits `ms`, or rejects with the caller's reason as soon as the caller aborts. */
export function sleep(ms: number, caller: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (caller?.aborted) return reject(caller.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(caller!.reason);
    };
    const timer = setTimeout(() => {
      caller?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    caller?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The promise's outcome, or a rejection with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return Promise.race([promise, new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
}
