// Checks a call's input against the spec's own schemas (generated/validators.js) before anything is sent, without repeating a secret value.
import type { SchemaValidator } from '../generated/validators.js';
import { InputError } from './errors.js';
import { describeViolations } from './violation-text.js';

export function assertAccountId(validate: SchemaValidator, accountId: unknown): void {
  if (typeof accountId !== 'string') throw new InputError([`accountId must be a string (an account number such as "18394725" or an account ID GUID), got ${typeof accountId}`]);
  // Not quoted: what was passed may be a token in the wrong place.
  if (!validate(accountId)) throw new InputError([`accountId (${accountId.length} characters) is neither an account number (digits, no leading zero) nor an account ID GUID`]);
}

/** A call's `signal`, when given, is an AbortSignal (not its controller). */
export function assertSignal(signal: unknown): void {
  if (signal === undefined) return;
  const looksLikeOne = typeof signal === 'object' && signal !== null && typeof (signal as AbortSignal).addEventListener === 'function' && typeof (signal as AbortSignal).aborted === 'boolean';
  if (!looksLikeOne) throw new InputError([`options.signal must be an AbortSignal (controller.signal, not the controller), got ${signal === null ? 'null' : typeof signal}`]);
}

export function assertRequestBody(validate: SchemaValidator, body: unknown): void {
  // Not an object: its properties are the schema's to name once there is an object to check.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError([`the request body must be an object, got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`]);
  if (!validate(body)) throw new InputError(describeViolations(validate, body, 'body', 'request'));
}
