// One attempt's abort: by the caller's signal, or by the attempt's own timeout, able to tell
// the two apart afterwards. The AbortSignal itself is made only when something asks for it
// (fetch, a pending token function): a sender that can be stopped by a callback needs none.

export interface AttemptSignal {
  /** Aborted with the attempt; made on first use. */
  readonly signal: AbortSignal;
  /** True once the timeout, not the caller, aborted the attempt. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** Calls `stop` with the reason when the attempt is aborted (at once if it already is). */
  onAbort(stop: (reason: unknown) => void): void;
  /** Stops the timer and lets go of the caller's signal. */
  dispose(): void;
}

export function createAttemptSignal(caller: AbortSignal | null | undefined, timeoutMs: number): AttemptSignal {
  let controller: AbortController | undefined;
  let timedOut = false;
  let aborted = false;
  let reason: unknown;
  const stops: Array<(reason: unknown) => void> = [];
  const abort = (why: unknown) => {
    if (aborted) return;
    aborted = true;
    reason = why;
    controller?.abort(why);
    for (const stop of stops.splice(0)) stop(why);
  };
  const onCallerAbort = () => abort(caller!.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    abort(new Error(`attempt timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (aborted) controller.abort(reason);
      }
      return controller.signal;
    },
    get timedOut() {
      return timedOut;
    },
    timeoutMs,
    onAbort(stop) {
      if (aborted) stop(reason);
      else stops.push(stop);
    },
    dispose() {
      clearTimeout(timer);
      stops.length = 0;
      caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Waits `ms`, or rejects with the caller's reason as soon as the caller aborts. */
export function sleep(ms: number, caller: AbortSignal | null | undefined): Promise<void> {
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

/** The promise's outcome, or a rejection with the attempt's abort reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, attempt: AttemptSignal): Promise<T> {
  // The stop is dropped with the attempt when it is disposed.
  return Promise.race([promise, new Promise<never>((_resolve, reject) => attempt.onAbort(reject))]);
}
