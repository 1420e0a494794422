export { TAUTULLI_FIXTURES_DIR, tautulliFixture, tautulliFixtureText } from './fixtures.ts';
export { humanDuration } from './human-duration.ts';
export { type FakeTautulli, type FakeTautulliOptions, startFakeTautulli } from './server.ts';
