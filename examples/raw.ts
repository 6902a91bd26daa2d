import { createRawConnectOAuthClient } from 'connect-oauth-kit/raw';

const raw = createRawConnectOAuthClient({
  baseUrl: process.env.CONNECT_OAUTH_BASE_URL ?? 'http://127.0.0.1:4010',
  accessToken: async () => process.env.DOCUSIGN_ACCESS_TOKEN!,
});
// The envelope as the server sent it, typed by the spec; no checks of ours.
const { data, error, response } = await raw.GET('/v2.1/accounts/{accountId}/connect/oauth', {
  params: { path: { accountId: '18394725' } },
});
console.log(response.status, data?.data.clientId ?? error?.error.code);
