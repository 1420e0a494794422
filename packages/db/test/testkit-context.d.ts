// Brings testkit's `ProvidedContext` augmentation (databaseUrl, redisUrl) into this package's type
// check; testkit's services.ts calls inject() with those names but does not import the augmentation.
import type {} from '@autoalex/testkit/global-setup';
