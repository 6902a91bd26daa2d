// What a promise rejected with, for a test that expects it to reject: one that resolves fails
// the test, naming what it resolved to.
export async function rejection<Reason = unknown>(promise: Promise<unknown>): Promise<Reason> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, the promise resolved to ${JSON.stringify(value) ?? String(value)}`);
    },
    (reason: unknown) => reason as Reason,
  );
}
