// An answer's body read no further than maxResponseBytes: the largest answer the contract
// allows is a few kB, so a body past the limit is refused while it streams in, and the
// connection is released, instead of growing the process by the server's whim.

// Statuses whose responses have no body by definition.
export const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** The error to throw when the body passes the limit; `declared`: the Content-Length that did. */
export type TooLarge = (declared?: number) => Error;

/** Refuses at once an answer whose Content-Length is already past the limit. */
export function checkDeclaredLength(response: Response, limit: number, tooLarge: TooLarge): void {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    release(response.body);
    throw tooLarge(Number(declared));
  }
}

export interface BodyGuard {
  limit: number;
  tooLarge: TooLarge;
  /** What a failed read rejects with (a TimeoutError, the caller's reason, a NetworkError). */
  failure: (error: unknown) => unknown;
  /** Called once the body has ended, failed or been cancelled. */
  settled: () => void;
}

/**
 * The body as a stream that passes each chunk on only when it is asked for, counts it, and
 * ends in the guard's errors: for raw calls, which may read the body as a stream.
 */
export function guardBody(body: ReadableStream<Uint8Array>, guard: BodyGuard): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  let open = true;
  const settle = () => {
    if (open) guard.settled();
    open = false;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          const failure = guard.failure(error);
          settle();
          controller.error(failure);
          return;
        }
        if (chunk.done) {
          settle();
          controller.close();
          return;
        }
        size += chunk.value.byteLength;
        if (size > guard.limit) {
          settle();
          reader.cancel().catch(() => {});
          controller.error(guard.tooLarge());
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        settle();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Lets go of a body that will not be read, so its connection is freed. */
export function release(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => {});
}
