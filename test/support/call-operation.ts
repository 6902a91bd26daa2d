// Each of the client's four operations by its name (the spec's operationId, as DocuSign's SDK
// names its methods), with the tests' valid body where the operation takes one.
import type { ConnectOAuthClient } from '../../src/index.js';
import { validBody } from './secrets.js';

export type OperationName = 'createConnectOAuthConfig' | 'getConnectOAuthConfig' | 'updateConnectOAuthConfig' | 'deleteConnectOAuthConfig';

export function callOperation(client: ConnectOAuthClient, name: OperationName, accountId: string): Promise<unknown> {
  switch (name) {
    case 'createConnectOAuthConfig':
      return client.createConnectOAuthConfig(accountId, validBody);
    case 'updateConnectOAuthConfig':
      return client.updateConnectOAuthConfig(accountId, validBody);
    case 'getConnectOAuthConfig':
      return client.getConnectOAuthConfig(accountId);
    case 'deleteConnectOAuthConfig':
      return client.deleteConnectOAuthConfig(accountId);
  }
}
