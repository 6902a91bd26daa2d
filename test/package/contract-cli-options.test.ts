// The contract command's options as its parser reads them, under every supported Node.js (it
// is built on the runtime's own node:util parseArgs); contract-cli.test.ts runs the command whole.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../packages/contract-cli/src/cli-options.js';

const LIVE = ['--target', 'http://gateway:8080/restapi', '--account', '18394725'];
const ENV = { CONTRACT_TOKEN: 'cli-options-token-123' };
const TOKEN = 'cli-options-token-Qw7zR4tY9uP2';
const ACCOUNT = '18394725';

describe('a command line the suite cannot run', () => {
  it.each([
    [['--tagret', 'http://127.0.0.1:1'], /^unknown option --tagret\.$/],
    [['--cases', 'many'], /^--cases: CONTRACT_CASES must be a whole number/],
    [['--writes', 'yes'], /^--writes: CONTRACT_WRITES must be off \(read-only\), on \(.*\) or replace/],
    [['--rate', 'fast'], /^--rate: CONTRACT_RATE must be requests a second/],
    [['--target'], /^--target needs a value/],
    [['--target', 'staging.example.org'], /^--target is not an absolute http\(s\) URL \(19 characters\)/],
    [['--target', TOKEN, '--account', ACCOUNT], /^--target is not an absolute http\(s\) URL/],
    [['--target', 'http://127.0.0.1:1', '--account', ACCOUNT], /^--target needs a bearer token: set CONTRACT_TOKEN/],
    [['--token', TOKEN], /^--token belong to a live target, and no --target was given/],
    [['--account', ACCOUNT, TOKEN], /^unexpected argument/],
  ])('is refused, %j, with a UsageError saying why that quotes no token', (args, message) => {
    let thrown: unknown;
    try {
      parseCommandLine(args, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toMatch(message);
    expect((thrown as UsageError).message).not.toContain(TOKEN);
  });
});

describe('--allow-http', () => {
  it('sets CONTRACT_ALLOW_HTTP for a plain-http target, and leaves it unset without the flag', () => {
    expect(parseCommandLine([...LIVE, '--allow-http'], ENV).env.CONTRACT_ALLOW_HTTP).toBe('1');
    expect(parseCommandLine(LIVE, ENV).env.CONTRACT_ALLOW_HTTP).toBeUndefined();
  });

  it('takes no value', () => {
    expect(() => parseCommandLine([...LIVE, '--allow-http=yes'], ENV)).toThrow('--allow-http takes no value; give it alone.');
  });
});
