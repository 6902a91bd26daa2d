// Reading the spec: $refs are followed to the node they name, and a loop of them is an error, not a hang.
import { describe, expect, it } from 'vitest';
import { deref, spec } from '../../contract-tests/support/openapi-document.js';

describe('deref', () => {
  it('follows a $ref to the schema it names', () => {
    expect(deref({ $ref: '#/components/schemas/ConnectOAuthConfig' })).toBe(spec.components?.schemas?.ConnectOAuthConfig);
  });

  it('refuses a loop of $refs, naming them, instead of following it for ever', () => {
    const schemas = spec.components!.schemas! as Record<string, unknown>;
    schemas.LoopA = { $ref: '#/components/schemas/LoopB' };
    schemas.LoopB = { $ref: '#/components/schemas/LoopA' };
    try {
      expect(() => deref({ $ref: '#/components/schemas/LoopA' })).toThrow('$ref #/components/schemas/LoopA leads back to itself (#/components/schemas/LoopA -> #/components/schemas/LoopB -> #/components/schemas/LoopA)');
    } finally {
      delete schemas.LoopA;
      delete schemas.LoopB;
    }
  });
});
