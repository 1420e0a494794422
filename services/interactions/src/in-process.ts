// `@autoalex/interactions/in-process`: the interactions handler without its process — the deps main.ts
// builds and the function its queue worker calls for each job — for bench/ingress.bench.ts, which runs
// the real handler in the bench's own process and calls it directly as the baseline.
export { handleInteraction } from './dispatch/handle-interaction.ts';
export { createServiceDeps } from './service-deps.ts';
