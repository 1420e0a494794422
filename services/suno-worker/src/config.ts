import { type ConfigOf, serviceConfig, storage, suno } from '@autoalex/config';

export const configShape = serviceConfig('suno-worker', { ...storage, ...suno });
export type Config = ConfigOf<typeof configShape>;
