// `npm run contract`: one run of the contract suite in this process (contract-tests/README.md),
// exiting 0 when every planned check ran and passed, 1 on a contract violation, 2 when the
// suite could not run or did not finish (settings, preflight, write guard, budget, rate
// limits, an interruption). Reports go to CONTRACT_REPORT_DIR (default reports/): the JUnit
// report, the HAR log of every exchange, and contract-run.json.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractCommand } from './engine/contract-command.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const reportDir = resolve(root, process.env.CONTRACT_REPORT_DIR || 'reports');

process.exitCode = await contractCommand({
  env: process.env,
  reports: { junit: join(reportDir, 'contract-junit.xml'), har: join(reportDir, 'contract.har'), record: join(reportDir, 'contract-run.json') },
  creator: { name: `${name} contract suite`, version },
});
