import { ApiError, createConnectOAuthClient } from 'connect-oauth-kit';

const client = createConnectOAuthClient({
  baseUrl: process.env.DOCUSIGN_BASE_URL ?? 'https://demo.docusign.net/restapi',
  accessToken: async () => process.env.DOCUSIGN_ACCESS_TOKEN!, // asked before every attempt
});
const config = { authorizationServerUrl: 'https://auth.example.org/oauth/token', clientId: 'docusign-connect', clientSecret: process.env.CLIENT_SECRET! };
try {
  console.log('created', await client.createConnectOAuthConfig('18394725', config));
} catch (error) {
  if (!(error instanceof ApiError && error.code === 'CONFLICT')) throw error;
  console.log('updated', await client.updateConnectOAuthConfig('18394725', config));
}
