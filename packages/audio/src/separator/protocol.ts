import type { SeparationErrorCode } from '../errors.ts';
import type { Stem } from '../stems.ts';

/** Main thread → separation worker. */
export interface SeparateRequest {
  readonly type: 'separate';
  readonly id: number;
  readonly channels: [Float32Array, Float32Array];
  readonly stems: Stem[];
  readonly modelPaths: Partial<Record<Stem, string>>;
  readonly threads?: number;
  readonly shifts: number;
  readonly overlap: number;
  readonly seed?: number;
  /** Int32Array over it: [0] becomes 1 when the caller cancels. */
  readonly cancel: SharedArrayBuffer;
}

/** Separation worker → main thread. */
export type WorkerReply =
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly stem: Stem;
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'result'; readonly id: number; readonly stems: [Stem, Float32Array, Float32Array][] }
  | { readonly type: 'cancelled'; readonly id: number }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly code?: SeparationErrorCode;
      readonly message: string;
      readonly stack?: string;
    };
