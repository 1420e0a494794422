import { type ConfigOf, discord, interactions, links, serviceConfig, storage, web } from '@autoalex/config';

export const configShape = serviceConfig('web', { ...discord, ...storage, ...links, ...web, ...interactions });
export type Config = ConfigOf<typeof configShape>;
