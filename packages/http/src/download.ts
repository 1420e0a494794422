import { PassThrough, type Readable } from 'node:stream';

export interface DownloadWatch {
  /** The download fails when no byte arrives for this long. */
  idleTimeoutMs: number;
  /** The caller's signal: aborting it ends the download with the signal's reason. */
  signal: AbortSignal | undefined;
  /** The error for a stall. */
  stalled: () => Error;
  /** The error for a body that broke off (connection reset, past the size cap). */
  broken: (err: unknown) => Error;
}

/**
 * The body of a download as a stream that fails, with the client's error, when no byte arrives for
 * `idleTimeoutMs` or the connection breaks, and ends with the caller's reason when they abort.
 * Destroying the returned stream closes the connection.
 */
export function watchDownload(source: Readable, watch: DownloadWatch): Readable {
  const out = new PassThrough();
  let idle: NodeJS.Timeout | undefined;
  const stop = (error?: unknown) => {
    clearTimeout(idle);
    watch.signal?.removeEventListener('abort', onAbort);
    source.destroy();
    if (error !== undefined) out.destroy(error as Error);
  };
  const onAbort = () => stop(watch.signal?.reason);
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stop(watch.stalled()), watch.idleTimeoutMs);
  };
  if (watch.signal?.aborted) {
    stop(watch.signal.reason);
    return out;
  }
  watch.signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  source.on('data', arm);
  source.on('end', () => {
    clearTimeout(idle);
    watch.signal?.removeEventListener('abort', onAbort);
  });
  source.on('error', (err) => stop(watch.broken(err)));
  out.on('close', () => stop());
  source.pipe(out);
  return out;
}
