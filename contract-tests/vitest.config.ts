// `npm run contract`: the contract suite alone, with a summary for people and a JUnit
// report for CI (CONTRACT_REPORT_DIR, default reports/).
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { checkTimeLimitMs, hookTimeLimitMs, LIVE_DEFAULTS, LOCAL_DEFAULTS, liveSettingsFromEnvironment, parseLiveSettings, type LiveSettings } from './engine/live-settings.js';

const reportDir = process.env.CONTRACT_REPORT_DIR ?? 'reports';

// A slow target makes the run slow, never killed by a test timeout: the time a check may take
// follows from the budget, the pace and the per-request timeout. A bad setting is reported by
// the suite itself, with what to write instead; here it only falls back to the defaults.
function liveSettings(): LiveSettings {
  const defaults = process.env.CONTRACT_TARGET ? LIVE_DEFAULTS : LOCAL_DEFAULTS;
  try {
    return parseLiveSettings(liveSettingsFromEnvironment(), defaults);
  } catch {
    return defaults;
  }
}
const live = liveSettings();

export default defineConfig({
  test: {
    root: join(import.meta.dirname, '..'),
    include: ['contract-tests/contract.test.ts'],
    // Without a budget nothing bounds a check but each request's own timeout.
    testTimeout: checkTimeLimitMs(live) ?? (process.env.CONTRACT_TARGET ? 0 : 120_000),
    hookTimeout: hookTimeLimitMs(live),
    // One reporter writes the JUnit report, then the summary: a failing run ends with its violations.
    reporters: ['./contract-tests/summary-reporter.ts'],
    outputFile: { junit: join(reportDir, 'contract-junit.xml') },
  },
});
