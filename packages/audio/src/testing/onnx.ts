import { all, bytes, type Field, int, message, packedInts, str, sub } from './protobuf.ts';

// ONNX protobuf field numbers (onnx/onnx.proto3).
const DataType = { FLOAT: 1, INT64: 7 } as const;

export type Dim = number | string;

export interface ValueInfo {
  readonly name: string;
  readonly elemType?: 'float32' | 'int64';
  readonly shape: readonly Dim[];
}

export interface Initializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name?: string;
}

export interface GraphSpec {
  readonly name: string;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly initializers: readonly Initializer[];
  readonly nodes: readonly NodeSpec[];
  readonly opset?: number;
  readonly metadata?: Readonly<Record<string, string>>;
}

const elem = (t: ValueInfo['elemType']) => (t === 'int64' ? DataType.INT64 : DataType.FLOAT);

// ValueInfoProto{1 name, 2 type}; TypeProto{1 tensor_type}; Tensor{1 elem_type, 2 shape};
// TensorShapeProto{1 dim}; Dimension{1 dim_value, 2 dim_param}.
const valueInfo = (field: number, v: ValueInfo): Field =>
  sub(
    field,
    str(1, v.name),
    sub(
      2,
      sub(
        1,
        int(1, elem(v.elemType)),
        sub(2, ...v.shape.map((d) => sub(1, typeof d === 'number' ? int(1, d) : str(2, d)))),
      ),
    ),
  );

// TensorProto{1 dims, 2 data_type, 8 name, 9 raw_data}.
const tensor = (field: number, t: Initializer): Field =>
  sub(
    field,
    packedInts(1, t.dims),
    int(2, t.data instanceof Float32Array ? DataType.FLOAT : DataType.INT64),
    str(8, t.name),
    bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)),
  );

// NodeProto{1 input, 2 output, 3 name, 4 op_type}.
const node = (n: NodeSpec, i: number): Field =>
  sub(
    1,
    all(n.inputs.map((x) => str(1, x))),
    all(n.outputs.map((x) => str(2, x))),
    str(3, n.name ?? `n${i}`),
    str(4, n.op),
  );

/**
 * Encodes an ONNX ModelProto (IR 8, default domain at `opset`, 17 unless given):
 * ModelProto{1 ir_version, 2 producer_name, 7 graph, 8 opset_import, 14 metadata_props};
 * GraphProto{1 node, 2 name, 5 initializer, 11 input, 12 output}.
 */
export function encodeModel(g: GraphSpec): Uint8Array {
  const graph = sub(
    7,
    all(g.nodes.map(node)),
    str(2, g.name),
    all(g.initializers.map((t) => tensor(5, t))),
    all(g.inputs.map((v) => valueInfo(11, v))),
    all(g.outputs.map((v) => valueInfo(12, v))),
  );
  const metadata = Object.entries(g.metadata ?? {}).map(([k, v]) => sub(14, str(1, k), str(2, v)));
  return message(
    int(1, 8),
    str(2, 'autoalex-testing'),
    graph,
    sub(8, str(1, ''), int(2, g.opset ?? 17)),
    all(metadata),
  );
}
