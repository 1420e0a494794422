import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { SEGMENT_LENGTH } from '../dsp/constants.ts';
import { SeparationError } from '../errors.ts';
import { howToGetModels } from '../models/manifest.ts';
import type { Stem } from '../stems.ts';
import { contractProblems, demucsContract } from './contract.ts';
import type { StemModel } from './separate.ts';

export interface OpenModelOptions {
  /** Intra-op threads; default: every core. */
  readonly threads?: number;
  readonly segmentLength?: number;
}

/**
 * ONNX Runtime session options of the separator (ADR 0130, 0200): optimisation 'all'; memory pattern
 * off (it pre-plans one block for every activation: +1.3 GB on the plain graph, nothing gained on
 * the optimised one); sequential execution (the parallel executor frees buffers earlier but is
 * ~25–40 % slower here); the CPU arena on (off is ~25 % slower); intra-op threads = cores.
 */
export function separatorSessionOptions(threads = availableParallelism()): ort.InferenceSession.SessionOptions {
  return {
    graphOptimizationLevel: 'all',
    enableMemPattern: false,
    enableCpuMemArena: true,
    executionMode: 'sequential',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
  };
}

/**
 * Loads one stem's model (a plain export or one rewritten by tools/optimize-htdemucs-onnx.py, which
 * needs far less memory) with separatorSessionOptions and checks it against the contract.
 */
export async function openStemModel(stem: Stem, path: string, options: OpenModelOptions = {}): Promise<StemModel> {
  const segmentLength = options.segmentLength ?? SEGMENT_LENGTH;
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) {
    throw new SeparationError('MODEL_MISSING', `model for stem "${stem}" not found at ${path}. ${howToGetModels}`);
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, separatorSessionOptions(options.threads));
  } catch (err) {
    throw new SeparationError(
      'MODEL_INVALID',
      `ONNX Runtime could not load the "${stem}" model at ${path}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const problems = contractProblems(session, segmentLength);
  if (problems.length > 0) {
    await session.release();
    throw new SeparationError(
      'MODEL_CONTRACT',
      `the "${stem}" model at ${path} does not match the HTDemucs ONNX contract: ${problems.join('; ')}. Re-export it with tools/export-htdemucs-onnx.py.`,
    );
  }
  const { inputs } = demucsContract(segmentLength);
  return {
    async run(mix, spec) {
      const feeds = {
        mix: new ort.Tensor('float32', mix, inputs.mix),
        spec: new ort.Tensor('float32', spec, inputs.spec),
      };
      const out = await session.run(feeds);
      return { specOut: floatData(out.spec_out, 'spec_out'), waveOut: floatData(out.wave_out, 'wave_out') };
    },
    release: () => session.release(),
  };
}

function floatData(value: ort.OnnxValue | undefined, name: string): Float32Array {
  if (value?.type !== 'float32' || !(value.data instanceof Float32Array)) {
    throw new SeparationError('MODEL_CONTRACT', `the model returned no float32 ${name}`);
  }
  return value.data;
}
