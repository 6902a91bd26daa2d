// connect-oauth-contract: the contract suite as a command, for the CI of any server of the contract.
import { readFileSync } from 'node:fs';
import { helpText } from './help-text.js';
import { createRedactor } from '../../../src/redact.js';
import { parseCommandLine, tokenGiven, UsageError, type CliRequest } from './cli-options.js';
import { runSuite } from './run-suite.js';

const { name, version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

async function main(): Promise<number> {
  let request: CliRequest;
  try {
    request = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // A value quoted by a message may be the token, typed where another option goes.
    const mask = createRedactor([tokenGiven(process.argv.slice(2), process.env)]);
    process.stderr.write(`connect-oauth-contract: ${mask(error.message)}\nRun connect-oauth-contract --help for the options.\n`);
    return 2;
  }
  if (request.action === 'help') {
    process.stdout.write(helpText(version));
    return 0;
  }
  if (request.action === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  return runSuite(request, { name, version });
}

process.exitCode = await main();
