export { classifyRequestError, type RequestFailure } from './request-error.ts';
export { type BackoffOptions, backoffDelay, retryAfterMs, sleep } from './retry.ts';
