import { type ConfigOf, serviceConfig, storage } from '@autoalex/config';

export const configShape = serviceConfig('player', { ...storage });
export type Config = ConfigOf<typeof configShape>;
