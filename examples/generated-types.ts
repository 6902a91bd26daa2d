import createClient from 'openapi-fetch';
import type { paths } from 'connect-oauth-kit/schema';

const api = createClient<paths>({
  baseUrl: process.env.CONNECT_OAUTH_BASE_URL ?? 'http://127.0.0.1:4010',
  headers: { authorization: `Bearer ${process.env.DOCUSIGN_ACCESS_TOKEN!}` },
});
const { data, error, response } = await api.GET('/v2.1/accounts/{accountId}/connect/oauth', {
  params: { path: { accountId: '18394725' } },
});
if (data) console.log('configured', data.data.clientId, data.data.updated_at);
else console.log('failed', response.status, error?.error.code, error?.error.message);
