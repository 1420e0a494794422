import { type ConfigOf, discord, gateway, interactions, serviceConfig } from '@autoalex/config';

export const configShape = serviceConfig('gateway', { ...discord, ...gateway, ...interactions });
export type Config = ConfigOf<typeof configShape>;
