import { ApiError, createConnectOAuthClient } from 'connect-oauth-kit';

const client = createConnectOAuthClient({
  // A server of this contract: `npm run mock`, or your gateway in front of DocuSign.
  baseUrl: process.env.CONNECT_OAUTH_BASE_URL ?? 'http://127.0.0.1:4010',
  accessToken: async () => process.env.DOCUSIGN_ACCESS_TOKEN!, // asked before every attempt
});
const config = { authorizationServerUrl: 'https://auth.example.org/oauth/token', clientId: 'docusign-connect', clientSecret: process.env.CLIENT_SECRET! };
try {
  console.log('created', await client.createConnectOAuthConfig('18394725', config));
} catch (error) {
  if (!(error instanceof ApiError && error.code === 'CONFLICT')) throw error;
  console.log('updated', await client.updateConnectOAuthConfig('18394725', config));
}
