export { HttpError, type HttpErrorDetails } from './http-error.ts';
export { describeIssues, type IssueList } from './issues.ts';
export { CONNECTION_CODES, classifyRequestError, type RequestFailure } from './request-error.ts';
export { type BackoffOptions, backoffDelay, retryAfterMs, sleep } from './retry.ts';
export {
  createHttpTransport,
  type HttpAnswerHead,
  type HttpDownload,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportOptions,
  parseJson,
  type RetryEvent,
} from './transport.ts';
export { afterAttempts, UpstreamError, type UpstreamErrorDetails } from './upstream-error.ts';
export { joinUrl, parseHttpUrl, type Query, type QueryValue, redactUrl } from './url.ts';
