// Type tests: `npm run typecheck` fails if any @ts-expect-error below stops being an error.
import { describe, expectTypeOf, it } from 'vitest';
import type { components } from '../../generated/schema.js';
import {
  createConnectOAuthClient,
  type ApiError,
  type ConnectOAuthConfigCreated,
  type ConnectOAuthConfigDetails,
  type ConnectOAuthConfigInput,
  type KnownErrorCode,
} from '../../src/index.js';
import { createRawConnectOAuthClient } from '../../src/raw.js';

const client = createConnectOAuthClient({ baseUrl: 'https://demo.docusign.net/restapi', accessToken: 'token-value', fetch: async () => new Response() });
const body: ConnectOAuthConfigInput = { authorizationServerUrl: 'https://auth.example.org/token', clientId: 'id', clientSecret: 'secret' };

describe('the client’s types', () => {
  it('take the account id as a string only', () => {
    // @ts-expect-error an account number is passed as a string
    void (() => client.getConnectOAuthConfig(18394725));
    // @ts-expect-error the account id is required
    void (() => client.deleteConnectOAuthConfig());
    expectTypeOf(client.getConnectOAuthConfig).parameter(0).toEqualTypeOf<string>();
  });

  it('require the body’s required fields and refuse unknown ones', () => {
    // @ts-expect-error clientSecret is required
    void (() => client.createConnectOAuthConfig('1', { authorizationServerUrl: 'https://a.example', clientId: 'c' }));
    // @ts-expect-error unknown properties are refused
    void (() => client.updateConnectOAuthConfig('1', { ...body, webhook: 'https://x.example' }));
    // @ts-expect-error customParameters maps strings to strings
    void (() => client.createConnectOAuthConfig('1', { ...body, customParameters: { audience: 1 } }));
    expectTypeOf<ConnectOAuthConfigInput>().toEqualTypeOf<components['schemas']['ConnectOAuthConfig']>();
  });

  it('resolve to the envelope’s data, typed from the spec', () => {
    expectTypeOf(client.createConnectOAuthConfig).returns.resolves.toEqualTypeOf<ConnectOAuthConfigCreated>();
    expectTypeOf<ConnectOAuthConfigCreated>().toEqualTypeOf<components['schemas']['ConnectOAuthConfigCreated']>();
    expectTypeOf(client.getConnectOAuthConfig).returns.resolves.toEqualTypeOf<components['schemas']['ConnectOAuthConfigDetails']>();
  });

  it('give GET’s data no secret to read', () => {
    expectTypeOf<ConnectOAuthConfigDetails>().not.toHaveProperty('clientSecret');
    const read = async () => {
      const details = await client.getConnectOAuthConfig('1');
      // @ts-expect-error the secret is write-only: GET never returns it
      return details.clientSecret;
    };
    void read;
  });

  it('type raw calls by the spec’s paths', () => {
    const raw = createRawConnectOAuthClient({ baseUrl: 'https://demo.docusign.net/restapi', accessToken: 'token-value', fetch: async () => new Response() });
    void (() => raw.GET('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: '1' } } }));
    // @ts-expect-error no such path in the spec
    void (() => raw.GET('/v2.1/accounts/{accountId}/connect'));
    // @ts-expect-error PATCH is not an operation of the spec
    void (() => raw.PATCH('/v2.1/accounts/{accountId}/connect/oauth', { params: { path: { accountId: '1' } } }));
    // @ts-expect-error raw calls are the ./raw entry's, not a property of the typed client
    void client.raw;
  });

  it('name the documented error codes and accept others', () => {
    expectTypeOf<'CONFLICT'>().toMatchTypeOf<KnownErrorCode>();
    expectTypeOf<ApiError['code']>().toEqualTypeOf<string>();
    expectTypeOf<ApiError['name']>().toEqualTypeOf<'ApiError'>();
  });
});
