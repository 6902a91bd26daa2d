// Checks a call's input against the spec's own schemas (compiled into
// generated/validators.js) before anything is sent, and explains each problem without
// repeating a secret value.
import type { SchemaValidator } from '../generated/validators.js';
import { InputError } from './errors.js';
import { describeViolations } from './violation-text.js';

export function assertAccountId(validate: SchemaValidator, accountId: unknown): void {
  if (typeof accountId !== 'string') {
    throw new InputError([`accountId must be a string (an account number such as "18394725" or an account ID GUID), got ${typeof accountId}`]);
  }
  if (!validate(accountId)) {
    // Quoted whole or not at all: a cut would leave part of a token (passed here by mistake)
    // that redaction, which looks for whole secrets, could not recognise.
    const shown = accountId.length > 40 ? `of ${accountId.length} characters` : JSON.stringify(accountId);
    throw new InputError([`accountId ${shown} is neither an account number (digits, no leading zero) nor an account ID GUID`]);
  }
}

export function assertRequestBody(validate: SchemaValidator, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    // Its properties are the schema's to name, once there is an object to check.
    throw new InputError([`the request body must be an object, got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`]);
  }
  if (!validate(body)) throw new InputError(describeViolations(validate, body, 'body', 'request'));
}
