// `npm run contract`: runs the contract suite (vitest, contract-tests/vitest.config.ts) and
// ends with its exit code: 0 every check passed, 1 a contract violation, 2 the suite could
// not run (settings, preflight, write guard, budget spent before any check, interruption).
// Interrupted (SIGINT, SIGTERM) while writing to a live account, it stops the run first and
// then leaves the account with no configuration, as the run found it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readRecord, clearRecord, REPO_ROOT, updateRecord, type ExitCode } from './engine/run-record.js';

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15 };

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends the process that sent the requests, so that nothing reaches the account after the clean-up. */
async function endWorker(pid: number): Promise<void> {
  if (pid === process.pid || !isRunning(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 300 && isRunning(pid); waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
}

/** Deletes the configuration the interrupted run may have left; answers what went wrong, if anything. */
async function cleanUp(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  // Loaded only when needed, and without the checks: a clean-up should not wait for Prism to load.
  const [{ removeConfiguration }, { sendRequest }, { RequestPacer }, { fillPath, validRequest }, live] = await Promise.all([
    import('./engine/write-guard.js'),
    import('./engine/exchange.js'),
    import('./engine/request-pacer.js'),
    import('./support/valid-request.js'),
    import('./engine/live-settings.js'),
  ]);
  const base = (env.CONTRACT_TARGET ?? '').replace(/\/+$/, '');
  const settings = live.parseLiveSettings(live.liveSettingsFromEnvironment(env), live.LIVE_DEFAULTS);
  const pacer = new RequestPacer(settings);
  try {
    return await removeConfiguration({
      validRequest: (operation) => {
        const request = validRequest(operation, { path: fillPath(operation.path, { accountId: env.CONTRACT_ACCOUNT_ID ?? '' }) });
        request.headers.authorization = `Bearer ${env.CONTRACT_TOKEN ?? ''}`;
        return request;
      },
      sendEssential: (request, purpose) => pacer.send(() => sendRequest(base, request, purpose, false, { timeoutMs: settings.timeoutMs }), { essential: true }),
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** What is wrong with the settings, checked here as the suite would check them: a bad one ends the run before vitest loads it. */
async function settingsProblem(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const [{ checkTargetSettings, settingsFromEnvironment }, { runSettingsFromEnvironment }] = await Promise.all([import('./engine/target.js'), import('./engine/run-settings.js')]);
  try {
    runSettingsFromEnvironment(env);
    checkTargetSettings(settingsFromEnvironment(env));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function main(): Promise<ExitCode> {
  clearRecord();
  const problem = await settingsProblem(process.env);
  if (problem) {
    say(`The contract suite could not run: ${problem}`);
    updateRecord({ cannotRun: problem, exitCode: 2 });
    return 2;
  }
  // The record names this run, so that a record some other run left (another suite sharing the
  // folder, or a stale one whose worker's pid is now another process's) is never acted on.
  const runId = randomUUID();
  // vitest's own command, run by this Node.js: the same as `vitest run`, with no shell between.
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', '--config', 'contract-tests/vitest.config.ts', ...process.argv.slice(2)], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, CONTRACT_RUN_ID: runId } });
  let interrupted: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = signal;
    child.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const vitestCode = await new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal as NodeJS.Signals] ?? 1)));
    child.on('error', (error) => {
      say(`The contract suite could not run: vitest did not start (${error.message}).`);
      resolve(2);
    });
  });

  const written = readRecord();
  const record = written?.runId === runId ? written : undefined;
  const unfinished = interrupted !== undefined || record?.exitCode === undefined;
  if (unfinished && record?.workerPid) await endWorker(record.workerPid);
  if (record?.writesArmed && !record.cleanedUp) {
    say(`${interrupted ? `Interrupted (${interrupted})` : 'The run ended early'} while writing to ${record.target}: cleaning up.`);
    const problem = await cleanUp();
    updateRecord(problem ? { cleanedUp: false, cleanupProblem: problem, exitCode: 2 } : { cleanedUp: true, exitCode: 2 });
    say(problem ? `CLEAN-UP FAILED: ${problem}. The account may keep a configuration the suite created; delete it by hand.` : 'Clean-up: the account was left with no Connect OAuth configuration, as the suite found it.');
    return 2;
  }
  if (interrupted) {
    say(`Interrupted (${interrupted}) before the run finished${record?.writesArmed ? '' : ': nothing had been written'}.`);
    updateRecord({ exitCode: 2 });
    return 2;
  }
  return record?.exitCode ?? (vitestCode === 0 ? 0 : 2);
}

process.exitCode = await main();
