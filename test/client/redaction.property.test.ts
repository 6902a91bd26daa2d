// Property: for random tokens and client secrets, of every length the spec allows, placed at
// random offsets of an error answer (a status page, error.code, error.message, a header),
// raw or escaped the way servers escape text (JSON as written, with \u escapes or an escaped "/", percent- and
// form encoding), across concurrent calls, no error of any call shows any of them in any
// of those forms: not in its message, JSON, util.inspect, stack or cause.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectOAuthError, createConnectOAuthClient } from '../../src/index.js';
import { startFaultServer, type FaultServer, type FaultStep, type RecordedRequest } from '../support/fault-server.js';
import { expectNoSecretIn } from '../support/secrets.js';
import { ENCODINGS } from '../support/secret-encodings.js';

const spec = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, { minLength: number; maxLength: number }> } };
const { minLength, maxLength } = spec.components.schemas.ClientSecret!;
const RUNS = 120;

type Place = 'page' | 'code' | 'message' | 'trace-token header' | 'content-type header' | 'location header' | 'location host';
interface Placement {
  place: Place;
  /** Where in the text the secret goes, as text before it. */
  before: string;
  after: string;
  status: number;
  /** Which of the call's secrets the server echoes. */
  echo: 'token' | 'clientSecret' | 'both';
  /** How the server escapes what it echoes. */
  encoding: Encoding;
  validateResponses: boolean;
}

type Encoding = 'raw' | keyof typeof ENCODINGS;
const encode = (encoding: Encoding, text: string) => (encoding === 'raw' ? text : ENCODINGS[encoding](text));

// Real secrets are random: one made of a few repeated characters could match the client's
// own text (indentation in util.inspect), which is no leak. Nor is one drawn from the text
// every error holds whatever it was sent: the client's messages, and the stack's frames and
// file paths (fast-check favours words such as "property", which is in this file's name, and
// another call's error showed it without any secret having leaked).
let ordinaryText = '';
const varied = (text: string) => new Set(text).size >= 4 && text.trim() === text && !ordinaryText.includes(text);
const TOKEN_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/'];
const token = fc.string({ unit: fc.constantFrom(...TOKEN_ALPHABET), minLength, maxLength }).filter(varied);
const clientSecret = fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength })).filter(varied);
const filler = fc.string({ maxLength: 300, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz <>/="'.split('')) });
const placement: fc.Arbitrary<Placement> = fc.record({
  place: fc.constantFrom<Place>('page', 'code', 'message', 'trace-token header', 'content-type header', 'location header', 'location host'),
  before: filler,
  after: filler,
  status: fc.constantFrom(400, 401, 404, 409, 500, 503),
  echo: fc.constantFrom('token', 'clientSecret', 'both'),
  encoding: fc.constantFrom<Encoding>('raw', ...(Object.keys(ENCODINGS) as Array<keyof typeof ENCODINGS>)),
  validateResponses: fc.boolean(),
});
const call = fc.record({ token, clientSecret, placement, verb: fc.constantFrom('create', 'update') });

// The scenarios of the calls in flight, by their account id.
const scenarios = new Map<string, Placement>();
let server: FaultServer;

function answer(request: RecordedRequest): FaultStep {
  const accountId = /\/accounts\/([^/]+)\//.exec(request.url)![1]!;
  const { place, before, after, status, echo, encoding } = scenarios.get(accountId)!;
  const sentToken = encode(encoding, String(request.headers.authorization).replace(/^Bearer /, ''));
  const sentSecret = encode(encoding, (JSON.parse(request.body) as { clientSecret: string }).clientSecret);
  // Headers carry no line breaks or non-Latin-1 text: a secret that cannot go there is echoed as the token.
  const headerSafe = /^[\x20-\x7e]*$/.test(sentSecret);
  const echoed = echo === 'token' || ((place.startsWith('location') || place.endsWith('header')) && !headerSafe) ? sentToken : echo === 'clientSecret' ? sentSecret : `${sentToken} and ${sentSecret}`;
  const text = `${before}${echoed}${after}`;
  const envelope = (code: string, message: string) => ({ success: false, error: { code, message } });
  switch (place) {
    case 'page':
      return { status, headers: { 'content-type': 'text/html' }, body: `<html><body>${text}</body></html>` };
    case 'code':
      return { status, body: envelope(`E_${text}`, 'Refused.') };
    case 'message':
      return { status, body: envelope('VALIDATION_ERROR', text) };
    case 'trace-token header':
      return { status, headers: { 'x-docusign-tracetoken': text.replace(/[^\x20-\x7e]/g, '') }, body: envelope('VALIDATION_ERROR', 'Refused.') };
    case 'content-type header':
      return { status, headers: { 'content-type': `text/plain; note=${text.replace(/[^\x20-\x7e]/g, '')}` }, body: 'refused' };
    case 'location header':
      return { status: 307, headers: { location: `/next?${encodeURIComponent(text)}#${text.replace(/[^\x20-\x7e]/g, '')}` }, body: '' };
    case 'location host':
      return { status: 302, headers: { location: `https://user:${echoed}@x${echoed.replace(/[^\w.-]/g, '')}.example/` }, body: '' };
  }
}

beforeAll(async () => {
  server = await startFaultServer([answer]);
  // One error of the kind the property reads, with secrets of its own, for its stack and layout.
  const sample: Placement = { place: 'message', before: '', after: '', status: 400, echo: 'both', encoding: 'raw', validateResponses: true };
  scenarios.set('0', sample);
  const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: async () => 'sample-token-value', retry: false });
  const error = await client.createConnectOAuthConfig('0', { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'docusign-connect', clientSecret: 'sample-secret-value' }).catch((caught: unknown) => caught);
  scenarios.delete('0');
  const sources = ['src'].flatMap((folder) => readdirSync(new URL(`../../${folder}/`, import.meta.url)).map((name) => readFileSync(new URL(`../../${folder}/${name}`, import.meta.url), 'utf8')));
  ordinaryText = [fileURLToPath(import.meta.url), inspect(error, { depth: 20, showHidden: true }), String((error as Error).stack), ...sources].join('\n');
});
afterAll(async () => {
  await server?.close();
});

describe('redaction, for any secret at any place of any error answer', () => {
  it('shows no token and no clientSecret of any concurrent call in any error', async () => {
    let nextAccount = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 4 }), async (calls) => {
        const tokens = calls.map((each) => each.token);
        // Nor is a secret of one call that the text around another's echo, or another's
        // secret, holds by chance (fast-check draws them from its words: "prototyp" in a
        // filler's "eprototype", "__proto__" in a secret "__proto__ꉹ" that a host shows mangled).
        const secrets = [...tokens, ...calls.map((each) => each.clientSecret)];
        const around = calls.flatMap(({ placement: { before, after } }) => [`E_${before}`, after]);
        fc.pre(!secrets.some((secret, index) => around.some((text) => text.includes(secret)) || secrets.some((other, at) => at !== index && other.includes(secret))));
        const queue = [...tokens];
        const outcomes = await Promise.all(
          calls.map(async ({ clientSecret: secret, placement: scenario, verb }) => {
            const accountId = String(nextAccount++);
            scenarios.set(accountId, scenario);
            // Each call its own client, all of them sharing one token function's stream of tokens.
            const client = createConnectOAuthClient({ baseUrl: server.url, accessToken: async () => queue.shift()!, retry: false, validateResponses: scenario.validateResponses });
            const body = { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'docusign-connect', clientSecret: secret };
            try {
              const result = verb === 'create' ? await client.createConnectOAuthConfig(accountId, body) : await client.updateConnectOAuthConfig(accountId, body);
              return { result };
            } catch (error) {
              return { error };
            } finally {
              scenarios.delete(accountId);
            }
          }),
        );
        for (const outcome of outcomes) {
          expect(outcome.error).toBeInstanceOf(ConnectOAuthError);
          expectNoSecretIn(outcome.error, secrets.flatMap((secret) => [secret, ...Object.values(ENCODINGS).map((encoding) => encoding(secret))]));
        }
      }),
      // A run that hangs fails on its own, naming its input and the seed that replays it, well
      // before vitest's time limit would end the test with neither (seen once in many runs).
      { numRuns: RUNS, timeout: 5_000, endOnFailure: true },
    );
  });
});
