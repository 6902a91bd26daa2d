// The command's options as its parser reads them (the packed command's tests run it whole).
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../packages/contract-cli/src/cli-options.js';

const LIVE = ['--target', 'http://gateway:8080/restapi', '--account', '18394725'];
const ENV = { CONTRACT_TOKEN: 'cli-options-token-123' };

describe('--allow-http', () => {
  it('sets CONTRACT_ALLOW_HTTP for a plain-http target, and leaves it unset without the flag', () => {
    expect(parseCommandLine([...LIVE, '--allow-http'], ENV).env.CONTRACT_ALLOW_HTTP).toBe('1');
    expect(parseCommandLine(LIVE, ENV).env.CONTRACT_ALLOW_HTTP).toBeUndefined();
  });

  it('takes no value', () => {
    expect(() => parseCommandLine([...LIVE, '--allow-http=yes'], ENV)).toThrow('--allow-http takes no value; give it alone.');
  });
});
