// Every check, in the order a run takes them: those that send requests first, then the
// response rules, which read every answer the others got.
import type { ContractCheck } from './contract-check.js';
import { DATA_CHECKS } from './data-checks.js';
import { REQUEST_LEVEL_CHECKS } from './request-level-checks.js';
import { RESPONSE_CONFORMANCE_CHECKS } from './response-conformance.js';
import { SECRET_AND_CLIENT_CHECKS } from './secret-and-client-checks.js';
import { STATEFUL_CHECKS } from './stateful-checks.js';

export const CHECKS: readonly ContractCheck[] = [...DATA_CHECKS, ...REQUEST_LEVEL_CHECKS, ...STATEFUL_CHECKS, ...SECRET_AND_CLIENT_CHECKS, ...RESPONSE_CONFORMANCE_CHECKS];
