// Brings testkit's `ProvidedContext` augmentation (databaseUrl, redisUrl) into this package's typecheck.
import type {} from '@autoalex/testkit/global-setup';
