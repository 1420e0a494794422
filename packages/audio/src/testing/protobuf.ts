/**
 * A minimal protobuf writer: enough to hand-encode ONNX models (varints, length-delimited fields,
 * packed int64s, fixed32 floats). Fields are written in the order given.
 */
export type Field = (out: number[]) => void;

function varint(out: number[], value: number | bigint): void {
  let v = BigInt.asUintN(64, BigInt(value));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}

function key(out: number[], field: number, wire: 0 | 2 | 5): void {
  varint(out, (field << 3) | wire);
}

export function message(...fields: Field[]): Uint8Array {
  const out: number[] = [];
  for (const f of fields) f(out);
  return Uint8Array.from(out);
}

export const int =
  (field: number, value: number | bigint): Field =>
  (out) => {
    key(out, field, 0);
    varint(out, value);
  };

export const bytes =
  (field: number, value: Uint8Array): Field =>
  (out) => {
    key(out, field, 2);
    varint(out, value.length);
    for (const b of value) out.push(b);
  };

export const str = (field: number, value: string): Field => bytes(field, new TextEncoder().encode(value));

export const sub = (field: number, ...fields: Field[]): Field => bytes(field, message(...fields));

export const float =
  (field: number, value: number): Field =>
  (out) => {
    key(out, field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    for (const x of b) out.push(x);
  };

export const packedInts =
  (field: number, values: readonly number[]): Field =>
  (out) => {
    const body: number[] = [];
    for (const v of values) varint(body, v);
    key(out, field, 2);
    varint(out, body.length);
    out.push(...body);
  };

/** Several fields as one (for repeated fields built from a list). */
export const all =
  (fields: readonly Field[]): Field =>
  (out) => {
    for (const f of fields) f(out);
  };
