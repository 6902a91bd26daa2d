// The command's options: each one sets a variable of the contract suite, so an option and its
// variable mean the same, and the suite's own parsers judge the values.
import { parseArgs } from 'node:util';
import { LIVE_DEFAULTS, LOCAL_DEFAULTS, liveSettingsFromEnvironment, parseLiveSettings } from '../../../contract-tests/engine/live-settings.js';
import { runSettingsFromEnvironment } from '../../../contract-tests/engine/run-settings.js';

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface SuiteOption {
  flag: string;
  variable: string;
  /** How the value is written in --help. */
  value: string;
}

export const SUITE_OPTIONS = [
  { flag: 'target', variable: 'CONTRACT_TARGET', value: 'URL' },
  { flag: 'token', variable: 'CONTRACT_TOKEN', value: 'TOKEN' },
  { flag: 'account', variable: 'CONTRACT_ACCOUNT_ID', value: 'ID' },
  { flag: 'writes', variable: 'CONTRACT_WRITES', value: 'on|replace' },
  { flag: 'rate', variable: 'CONTRACT_RATE', value: 'N' },
  { flag: 'max-requests', variable: 'CONTRACT_MAX_REQUESTS', value: 'N' },
  { flag: 'max-wait-ms', variable: 'CONTRACT_MAX_WAIT_MS', value: 'MS' },
  { flag: 'timeout-ms', variable: 'CONTRACT_TIMEOUT_MS', value: 'MS' },
  { flag: 'cases', variable: 'CONTRACT_CASES', value: 'N' },
  { flag: 'seed', variable: 'CONTRACT_SEED', value: 'N|random' },
] as const satisfies readonly SuiteOption[];

export interface CliRequest {
  action: 'help' | 'version' | 'run';
  /** The suite's variables: the caller's environment with the options applied. */
  env: NodeJS.ProcessEnv;
  /** Where to copy the JUnit report and the HAR log, if asked for. */
  junit?: string;
  har?: string;
}

const PARSE_OPTIONS = {
  ...Object.fromEntries(SUITE_OPTIONS.map((option) => [option.flag, { type: 'string' as const }])),
  junit: { type: 'string' },
  har: { type: 'string' },
  'allow-http': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const flagOf = (variable: string) => SUITE_OPTIONS.find((option) => option.variable === variable)?.flag;

// node:util's own messages may quote a stray argument, which can be a token typed in the wrong place.
function usageErrorFrom(error: { code?: string; message: string }): UsageError {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${option ?? ''}`.trim() + '.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // A switch given a value (--allow-http=yes), or an option given none.
      return /does not take an argument/.test(error.message)
        ? new UsageError(`${option?.replace(/=.*$/, '') ?? 'a switch'} takes no value; give it alone.`)
        : new UsageError(`${option ?? 'an option'} needs a value (--name value or --name=value).`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError('unexpected argument: the command takes options only, each as --name value.');
    default:
      return new UsageError('the options could not be read.');
  }
}

/** The bearer token the command was given, by --token or CONTRACT_TOKEN, as it will be sent. */
export function tokenGiven(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const at = argv.findIndex((arg) => arg === '--token' || arg.startsWith('--token='));
  const given = at < 0 ? env.CONTRACT_TOKEN : argv[at]!.startsWith('--token=') ? argv[at]!.slice('--token='.length) : argv[at + 1];
  return given?.trim() || undefined;
}

/** Reads the command line into what to do; a mistake throws a UsageError saying what was wrong. */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CliRequest {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: PARSE_OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw usageErrorFrom(error as { code?: string; message: string });
  }
  if (values.help) return { action: 'help', env };
  if (values.version) return { action: 'version', env };

  const suiteEnv: NodeJS.ProcessEnv = { ...env };
  for (const option of SUITE_OPTIONS) {
    const value = values[option.flag];
    if (typeof value !== 'string') continue;
    if (value.trim() === '') throw new UsageError(`--${option.flag} is empty; give it a value (${option.value}).`);
    suiteEnv[option.variable] = value;
  }
  if (values['allow-http']) suiteEnv.CONTRACT_ALLOW_HTTP = '1';
  if (!suiteEnv.CONTRACT_TARGET) {
    const live = ['token', 'account'].filter((flag) => typeof values[flag] === 'string');
    if (live.length > 0) throw new UsageError(`${live.map((flag) => `--${flag}`).join(' and ')} belong to a live target, and no --target was given: without one the suite checks its embedded mock, which needs neither.`);
  } else {
    if (!/^https?:\/\/[^/]/i.test(suiteEnv.CONTRACT_TARGET) || !URL.canParse(suiteEnv.CONTRACT_TARGET)) {
      throw new UsageError(`--target is not an absolute http(s) URL (${suiteEnv.CONTRACT_TARGET.length} characters); give the API base, such as https://staging.example.org/restapi.`);
    }
    if (!suiteEnv.CONTRACT_TOKEN) throw new UsageError('--target needs a bearer token: set CONTRACT_TOKEN (preferred: it stays out of shell history and process lists) or give --token.');
    if (!suiteEnv.CONTRACT_ACCOUNT_ID) throw new UsageError('--target needs the account to test with: give --account (or set CONTRACT_ACCOUNT_ID).');
  }
  checkSuiteSettings(suiteEnv);

  const reportPath = (flag: 'junit' | 'har') => {
    const value = values[flag];
    if (typeof value !== 'string') return {};
    if (value.trim() === '') throw new UsageError(`--${flag} is empty; give the file to write.`);
    return { [flag]: value };
  };
  return { action: 'run', env: suiteEnv, ...reportPath('junit'), ...reportPath('har') };
}

/** The suite's parsers refuse a bad value before anything starts; their message names the variable. */
function checkSuiteSettings(env: NodeJS.ProcessEnv): void {
  const parsers = [() => runSettingsFromEnvironment(env), () => parseLiveSettings(liveSettingsFromEnvironment(env), env.CONTRACT_TARGET ? LIVE_DEFAULTS : LOCAL_DEFAULTS)];
  for (const parse of parsers) {
    try {
      parse();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const variable = /\b(CONTRACT_[A-Z_]+)\b/.exec(message)?.[1];
      const flag = variable ? flagOf(variable) : undefined;
      throw new UsageError(flag ? `--${flag}: ${message}` : message);
    }
  }
}
