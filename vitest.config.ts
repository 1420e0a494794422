import { defineConfig } from 'vitest/config';

// One run covers every package and service: unit tests beside the code (src/**/*.test.ts),
// integration and end-to-end tests under each package's test/ folder.
export default defineConfig({
  test: {
    include: [
      'packages/*/{src,test}/**/*.test.ts',
      'services/*/{src,test}/**/*.test.ts',
      'bench/**/*.test.ts',
      // The chaos suite's quick cases; `npm run chaos` runs them with the long ones (chaos/vitest.config.ts).
      'chaos/**/*.test.ts',
      'deploy/**/*.test.ts',
      'e2e/**/*.test.ts',
      'tools/**/*.test.ts',
    ],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Skipped tests are listed, with what they need, at the end of every run (tools/skip-report.ts).
    reporters: ['default', './tools/skip-report.ts'],
  },
});
