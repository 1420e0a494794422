import { defineConfig } from 'vitest/config';

// `npm run chaos`: every chaos case (ADR 0230). The quick ones (*.test.ts) also run in `npm test`;
// the long ones (*.chaos.ts: 30-second outages, a kill of every service) only here. One file at a
// time: each starts the whole suite as processes, and two at once would judge the machine, not the suite.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: ['chaos/**/*.test.ts', 'chaos/**/*.chaos.ts'],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
