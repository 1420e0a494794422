import type { CustomIdPrefix } from '@autoalex/discord';
import type { ComponentModule } from '../handler-types.ts';
import { statusDetails } from './status-details.ts';

/** Every component family, by custom_id prefix. Throws at start when a prefix has two. */
export function buildComponentRegistry(
  modules: readonly ComponentModule[] = [statusDetails as ComponentModule],
): ReadonlyMap<CustomIdPrefix, ComponentModule> {
  const registry = new Map<CustomIdPrefix, ComponentModule>();
  for (const module of modules) {
    if (registry.has(module.prefix)) throw new Error(`component registry: two handlers for prefix '${module.prefix}'`);
    registry.set(module.prefix, module);
  }
  return registry;
}
