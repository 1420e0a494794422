import { defineFeature } from '../dispatch/handler.ts';
import { buildRegistries, type Registries } from '../dispatch/registry.ts';
import * as compare from './listening/compare.ts';
import * as completion from './listening/completion.ts';
import { listeningDeps } from './listening/deps.ts';
import * as usage from './listening/usage.ts';
import * as boost from './remix/boost.ts';
import { remixDeps } from './remix/deps.ts';
import * as reduce from './remix/reduce.ts';
import type { Resources } from './resources.ts';
import { comingLater } from './suite/capabilities.ts';
import { suiteDeps } from './suite/deps.ts';
import * as help from './suite/help.ts';
import { notAvailable } from './suite/not-available.ts';
import * as status from './suite/status.ts';
import { statusDetails } from './suite/status-details.ts';

// THE registry of the interactions service: every feature, its commands and components. A command
// that lands adds its files to its feature's folder, a line here, and leaves comingLater
// (suite/capabilities.ts); a new feature is a folder with a deps.ts and one entry here.

export const features = {
  listening: defineFeature({ deps: listeningDeps, commands: { usage, completion, compare } }),
  remix: defineFeature({ deps: remixDeps, commands: { boost, reduce } }),
  suite: defineFeature({ deps: suiteDeps, commands: { status, help }, components: [statusDetails] }),
};

/** Each feature's deps, by feature. */
export type FeatureDeps = { readonly [F in keyof typeof features]: ReturnType<(typeof features)[F]['deps']> };

/** Makes every feature's deps from what the service opened (once, at start). */
export function featureDeps(resources: Resources): FeatureDeps {
  const entries = Object.entries(features).map(([name, feature]) => [name, feature.deps(resources)]);
  return Object.fromEntries(entries) as FeatureDeps;
}

/** The dispatcher's registries; throws when a catalogue command has no handler or two. */
export function featureRegistries(deps: FeatureDeps): Registries {
  return buildRegistries(features, deps, { comingLater, notAvailable });
}
