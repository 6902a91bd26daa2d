// How many cases to generate and from which seed: CONTRACT_CASES and CONTRACT_SEED.
import type { RunSettings } from './run-context.js';

export const DEFAULT_CASES = 20;
// A fixed seed makes every run send the same cases; CONTRACT_SEED=random explores.
export const DEFAULT_SEED = 20250101;

export function runSettingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const cases = env.CONTRACT_CASES === undefined ? DEFAULT_CASES : Number(env.CONTRACT_CASES);
  if (!Number.isInteger(cases) || cases < 1 || cases > 10_000) throw new Error(`CONTRACT_CASES must be a whole number from 1 to 10000, got ${JSON.stringify(env.CONTRACT_CASES)}.`);
  const seedText = env.CONTRACT_SEED;
  const seed = seedText === undefined ? DEFAULT_SEED : seedText === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`CONTRACT_SEED must be a whole number or "random", got ${JSON.stringify(seedText)}.`);
  return { cases, seed };
}
