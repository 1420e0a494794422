import type { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { contractProblems, demucsContract } from './contract.ts';

type Meta = InferenceSession.ValueMetadata;
const tensor = (name: string, shape: (number | string)[], type: 'float32' | 'int64' = 'float32'): Meta => ({
  name,
  isTensor: true,
  type,
  shape,
});

const good = () => ({
  inputNames: ['mix', 'spec'],
  outputNames: ['spec_out', 'wave_out'],
  inputMetadata: [tensor('mix', [1, 2, 343_980]), tensor('spec', [1, 4, 2048, 336])],
  outputMetadata: [tensor('spec_out', [1, 4, 4, 2048, 336]), tensor('wave_out', [1, 4, 2, 343_980])],
});

describe('contractProblems', () => {
  it('accepts the HTDemucs contract, symbolic dimensions included', () => {
    expect(demucsContract().inputs.spec).toEqual([1, 4, 2048, 336]);
    expect(contractProblems(good())).toEqual([]);
    const symbolic = good();
    symbolic.inputMetadata[0] = tensor('mix', ['batch', 2, 'time']);
    expect(contractProblems(symbolic)).toEqual([]);
  });

  it('lists every mismatch: names, shapes, rank, type', () => {
    const s = good();
    s.inputNames = ['audio', 'spec'];
    s.inputMetadata = [tensor('audio', [1, 2, 343_980]), tensor('spec', [1, 4, 2048, 300])];
    s.outputMetadata = [tensor('spec_out', [1, 4, 2048, 336]), tensor('wave_out', [1, 4, 2, 343_980], 'int64')];
    expect(contractProblems(s)).toEqual([
      'inputs are [audio, spec], expected [mix, spec]',
      'input spec has shape [1, 4, 2048, 300], expected [1, 4, 2048, 336]',
      'output spec_out has shape [1, 4, 2048, 336], expected [1, 4, 4, 2048, 336]',
      'output wave_out is int64, expected float32',
    ]);
  });

  it('rejects extra outputs and non-tensor values', () => {
    const s = good();
    s.outputNames = ['spec_out', 'wave_out', 'debug'];
    s.outputMetadata[1] = { name: 'wave_out', isTensor: false };
    expect(contractProblems(s)).toEqual([
      'outputs are [spec_out, wave_out, debug], expected [spec_out, wave_out]',
      'output wave_out is not a tensor',
    ]);
  });
});
