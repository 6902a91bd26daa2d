// An answer's body read no further than maxResponseBytes: the largest answer the contract
// allows is a few kB, so a body past the limit is refused while it streams in, and the
// connection is released, instead of growing the process by the server's whim.

/** The error to throw when the body passes the limit; `declared`: the Content-Length that did. */
type TooLarge = (declared?: number) => Error;

/** The whole body, counted chunk by chunk, until `signal` aborts; an answer whose Content-Length is past the limit is refused unread. */
export async function readBoundedBody(response: Response, limit: number, signal: AbortSignal, tooLarge: TooLarge): Promise<Uint8Array | null> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    release(response.body);
    throw tooLarge(Number(declared));
  }
  if (response.body === null) return null;
  const reader = response.body.getReader();
  // A body that does not heed the signal is cancelled by it, which ends the read.
  const stop = () => reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (signal.aborted) throw signal.reason;
  // One chunk, the usual case for a small answer, is kept as it is, without a copy.
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (whole.set(chunk, offset), offset + chunk.byteLength), 0);
  return whole;
}

/** Lets go of a body that will not be read, so its connection is freed. */
export function release(body: ReadableStream<Uint8Array> | null): void {
  body?.cancel().catch(() => {});
}
