// The fake Tautulli for tests (ADR 0092, 0221): answers from the same household model as the fake
// Plex (`@autoalex/plex/testing`), shaped like the recorded answers in this package's fixtures/.
export { TAUTULLI_FIXTURES_DIR, tautulliFixture, tautulliFixtureText } from './fixtures.ts';
export { humanDuration } from './human-duration.ts';
export { type FakeTautulli, type FakeTautulliOptions, startFakeTautulli } from './server.ts';
