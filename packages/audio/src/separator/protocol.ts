import type { SeparationErrorCode } from '../errors.ts';
import type { Stem } from '../stems.ts';

// Messages between createSeparator and its separator process (child.ts), over the IPC channel with
// 'advanced' serialization so Float32Arrays travel as they are. Samples go in chunks (chunks.ts).

/** Starts job `id`; its input follows as `samples` messages, channels 0 and 1 of `length` each. */
export interface SeparateRequest {
  readonly type: 'separate';
  readonly id: number;
  readonly length: number;
  readonly stems: Stem[];
  readonly modelPaths: Partial<Record<Stem, string>>;
  readonly threads?: number;
  readonly shifts: number;
  readonly overlap: number;
  readonly seed?: number;
}

/** One chunk of a planar channel, `offset` samples into it. */
export interface SamplesChunk {
  readonly id: number;
  readonly channel: 0 | 1;
  readonly offset: number;
  readonly data: Float32Array;
}

/** createSeparator → separator process. */
export type ToChild =
  | SeparateRequest
  | ({ readonly type: 'samples' } & SamplesChunk)
  /** Stop job `id` before its next model load or segment. */
  | { readonly type: 'cancel'; readonly id: number }
  /** Stop the job in progress, release its sessions and exit. */
  | { readonly type: 'close' };

/** Separator process → createSeparator. */
export type FromChild =
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly stem: Stem;
      readonly done: number;
      readonly total: number;
    }
  /** A chunk of one output stem; every chunk comes before the job's `result`. */
  | ({ readonly type: 'samples'; readonly stem: Stem } & SamplesChunk)
  | { readonly type: 'result'; readonly id: number; readonly stems: Stem[] }
  | { readonly type: 'cancelled'; readonly id: number }
  | {
      readonly type: 'error';
      readonly id: number;
      readonly code?: SeparationErrorCode;
      readonly message: string;
      readonly stack?: string;
    };
