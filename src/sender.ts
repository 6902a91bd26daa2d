// How one attempt of the client's own calls goes out and comes back, on fetch (the global one
// or the one injected): the method, URL, headers and body text go out, and the status,
// headers and the body text read no further than the limit come back. No redirect is
// followed: a 3xx comes back with its body left unread, for the caller to refuse.
import type { AttemptSignal } from './attempt-signal.js';
import { isRedirect } from './redirect.js';
import { NULL_BODY_STATUSES, readBoundedText, release } from './response-body.js';
import { tooLargeError, type Attempts, type CallContext } from './transport.js';

export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The most bytes of body to read. */
  limit: number;
  /** The error for a body past the limit; `declared`: the Content-Length that is. */
  tooLarge: (status: number, declared?: number) => Error;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The body; empty for a redirect, whose body is not read. */
  text: string;
  /** The URL answered, when the platform says; empty otherwise. */
  url: string;
  /** A browser's fetch hides a manual redirect behind this type. */
  type?: string;
}

/** Sends one attempt; rejects with the attempt's abort reason when it is aborted. */
export type Sender = (exchange: Exchange, attempt: AttemptSignal) => Promise<Reply>;

/** The Fetch function type the client accepts. */
export type FetchFunction = (input: string | Request, init?: RequestInit) => Promise<Response>;

export function fetchSender(fetch: FetchFunction): Sender {
  return async (exchange, attempt) => {
    const response = await fetch(exchange.url, { method: exchange.method, headers: exchange.headers, body: exchange.body ?? null, signal: attempt.signal, redirect: 'manual' });
    const { status, headers } = response;
    let text = '';
    if (isRedirect(response)) release(response.body);
    else if (!NULL_BODY_STATUSES.has(status)) text = await readBoundedText(response, exchange.limit, (declared) => exchange.tooLarge(status, declared));
    return { status, headers, text, url: response.url, type: response.type };
  };
}

/** The attempts of one of the client's own calls: the same method, URL and body text on every one. */
export function senderAttempts(sender: Sender, call: CallContext, bodyText: string | undefined, limit: number): Attempts<Reply> {
  const headers: Record<string, string> = bodyText === undefined ? {} : { 'content-type': 'application/json' };
  return {
    send: (attempt, authorization, context) =>
      sender({ method: call.method, url: call.url, headers: { ...headers, authorization }, body: bodyText, limit, tooLarge: (status, declared) => tooLargeError(limit, status, context)(declared) }, attempt),
    finish: (reply, attempt) => (attempt.dispose(), reply),
    // A sender lets go of a redirect's body itself, and reads any other's whole.
    discard: () => {},
  };
}
