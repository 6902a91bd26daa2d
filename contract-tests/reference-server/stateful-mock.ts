// The stateful mock: the reference server (state per account, any bearer token served)
// behind the same front as the Prism mock, so both keep every answer in the envelope and
// refuse the same malformed requests alike. Create, then read, returns what was sent.
import { startMock, type MockOptions, type RunningMock } from '../support/mock-server.js';
import { startReferenceServer } from './server.js';

export function startStatefulMock(options: Omit<MockOptions, 'backend'> = {}): Promise<RunningMock> {
  return startMock({ ...options, backend: () => startReferenceServer({ token: null }) });
}
