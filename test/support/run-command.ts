// Runs a command of the project's (a CLI under test, npm, node) and reports how it ended.
import { execFile, type ExecFileOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);

/** This process's environment without CONTRACT_*: a developer's own settings (a live target, writes on) never reach a test's run of the suite. */
export const envWithoutContractSettings = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CONTRACT_')));

export interface CommandResult {
  /** The exit code; 0 when the command succeeded. */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command and answers its exit code and output, failing or not. */
export async function runCommandStatus(command: string, args: string[], options: ExecFileOptions = {}): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await exec(command, args, { maxBuffer: 16 * 1024 * 1024, ...options, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string; message: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? failure.message };
  }
}

/** Runs the command and answers its output; a non-zero exit throws with everything it printed. */
export async function runCommand(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const result = await runCommandStatus(command, args, { cwd, env: { ...process.env, ...env } });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}) in ${cwd}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}
