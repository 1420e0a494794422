export { type FakeDemucsOptions, fakeDemucsModel, writeFakeDemucsModel } from './fake-demucs.ts';
export { type Dim, encodeModel, type GraphSpec, type Initializer, type NodeSpec, type ValueInfo } from './onnx.ts';
