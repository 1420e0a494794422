import type { InferenceSession } from 'onnxruntime-node';
import { BINS, frameCount, SEGMENT_LENGTH } from '../dsp/constants.ts';
import { SOURCES } from './separate.ts';

type Shape = readonly number[];

/** The HTDemucs ONNX contract (float32, batch 1); see docs/demucs.md. */
export function demucsContract(segmentLength = SEGMENT_LENGTH): {
  inputs: Record<'mix' | 'spec', Shape>;
  outputs: Record<'spec_out' | 'wave_out', Shape>;
} {
  const frames = frameCount(segmentLength);
  return {
    inputs: { mix: [1, 2, segmentLength], spec: [1, 4, BINS, frames] },
    outputs: { spec_out: [1, SOURCES, 4, BINS, frames], wave_out: [1, SOURCES, 2, segmentLength] },
  };
}

/** What contractProblems reads from a session (ONNX Runtime's InferenceSession has it). */
export interface SessionSignature {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly InferenceSession.ValueMetadata[];
}

/**
 * Every way the session's inputs and outputs differ from the contract (empty when it fits).
 * A symbolic dimension is accepted (we always feed the contract's shape); a fixed one must match.
 */
export function contractProblems(session: SessionSignature, segmentLength = SEGMENT_LENGTH): string[] {
  const contract = demucsContract(segmentLength);
  const problems: string[] = [];
  const check = (kind: 'input' | 'output', names: readonly string[], metadata: SessionSignature['inputMetadata']) => {
    const expected = kind === 'input' ? contract.inputs : contract.outputs;
    const want = Object.keys(expected);
    const missing = want.filter((n) => !names.includes(n));
    const extra = names.filter((n) => !want.includes(n));
    if (missing.length > 0 || extra.length > 0) {
      problems.push(`${kind}s are [${names.join(', ')}], expected [${want.join(', ')}]`);
    }
    for (const [name, shape] of Object.entries(expected)) {
      const meta = metadata.find((m) => m.name === name);
      if (!meta) continue;
      if (!meta.isTensor) {
        problems.push(`${kind} ${name} is not a tensor`);
        continue;
      }
      if (meta.type !== 'float32') problems.push(`${kind} ${name} is ${meta.type}, expected float32`);
      const dims = meta.shape;
      const fits =
        dims.length === shape.length && dims.every((d, i) => typeof d === 'string' || d === -1 || d === shape[i]);
      if (!fits) problems.push(`${kind} ${name} has shape [${dims.join(', ')}], expected [${shape.join(', ')}]`);
    }
  };
  check('input', session.inputNames, session.inputMetadata);
  check('output', session.outputNames, session.outputMetadata);
  return problems;
}
