// The package's entry on Node: the browser entry's exports, with the client's own calls
// sent on node:http unless the options give a fetch. (Named one by one: a star export
// beside a local export of the same name trips some module runners.)
import { createClientWith, type ConnectOAuthClient, type ConnectOAuthClientOptions } from '../src/client.js';
import { nodeSender } from './node-sender.js';

export { ApiError, ConnectOAuthError, ContractError, DEFAULT_RETRY, InputError, NetworkError, shouldRetry, TimeoutError } from '../src/index.js';
export type * from '../src/index.js';

export function createConnectOAuthClient(options: ConnectOAuthClientOptions): ConnectOAuthClient {
  return createClientWith(options, nodeSender);
}
