/**
 * The binary checkpoint of one trainer: everything needed to continue
 * training bit for bit (params, optimizer state, counters, shuffle RNG).
 *
 * Layout (little-endian), version 1:
 *   0   4  magic "RGTC"
 *   4   2  u16 version (1)
 *   6   2  u16 byte length L of the optimizer name
 *   8   4  u32 epoch (epochs completed)
 *   12  8  f64 optimizer steps taken by the trainer
 *   20  16 4 × u32 shuffle-RNG state
 *   36  8  f64 optimizer t
 *   44  4  u32 number of params P
 *   48  4  u32 number of optimizer buffers K
 *   52  L  optimizer name (UTF-8)
 *   …      P × f64 params, then K × (u32 length N, N × f64)
 * f64 values are copied bit for bit (DataView), so NaN payloads and −0 survive.
 */
import { RungsError } from '../errors.js';

export interface TrainerState {
  epoch: number;
  steps: number;
  rng: Uint32Array;
  optimizer: string;
  optimizerT: number;
  params: Float64Array;
  buffers: Float64Array[];
}

const MAGIC = [0x52, 0x47, 0x54, 0x43]; // "RGTC"
const VERSION = 1;
const HEADER = 52;

/** A checkpoint that cannot be read or does not fit the trainer it is restored into. */
export class CheckpointError extends RungsError {
  constructor(message: string) {
    super('E_CHECKPOINT', message);
  }
}

export function encodeTrainerState(s: TrainerState): Uint8Array {
  const name = new TextEncoder().encode(s.optimizer);
  let size = HEADER + name.length + s.params.length * 8;
  for (const b of s.buffers) size += 4 + b.length * 8;
  const bytes = new Uint8Array(size);
  const v = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  v.setUint16(4, VERSION, true);
  v.setUint16(6, name.length, true);
  v.setUint32(8, s.epoch, true);
  v.setFloat64(12, s.steps, true);
  for (let i = 0; i < 4; i++) v.setUint32(20 + 4 * i, s.rng[i]!, true);
  v.setFloat64(36, s.optimizerT, true);
  v.setUint32(44, s.params.length, true);
  v.setUint32(48, s.buffers.length, true);
  bytes.set(name, HEADER);
  let o = HEADER + name.length;
  for (let i = 0; i < s.params.length; i++, o += 8) v.setFloat64(o, s.params[i]!, true);
  for (const b of s.buffers) {
    v.setUint32(o, b.length, true);
    o += 4;
    for (let i = 0; i < b.length; i++, o += 8) v.setFloat64(o, b[i]!, true);
  }
  return bytes;
}

export function decodeTrainerState(bytes: Uint8Array): TrainerState {
  const fail = (why: string): never => {
    throw new CheckpointError(`invalid trainer checkpoint: ${why}`);
  };
  if (!(bytes instanceof Uint8Array) || bytes.length < HEADER) fail(`too short (${bytes?.length ?? 0} bytes)`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== MAGIC[i]) fail('bad magic (not a rungs trainer checkpoint)');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = v.getUint16(4, true);
  if (version !== VERSION) fail(`unsupported version ${version} (this build reads ${VERSION})`);
  const nameLen = v.getUint16(6, true);
  const epoch = v.getUint32(8, true);
  const steps = v.getFloat64(12, true);
  const rng = new Uint32Array(4);
  for (let i = 0; i < 4; i++) rng[i] = v.getUint32(20 + 4 * i, true);
  const optimizerT = v.getFloat64(36, true);
  const p = v.getUint32(44, true);
  const k = v.getUint32(48, true);
  let o = HEADER;
  const need = (n: number): void => {
    if (o + n > bytes.length) fail('truncated');
  };
  need(nameLen);
  const optimizer = new TextDecoder().decode(bytes.subarray(o, o + nameLen));
  o += nameLen;
  need(p * 8);
  const params = new Float64Array(p);
  for (let i = 0; i < p; i++, o += 8) params[i] = v.getFloat64(o, true);
  const buffers: Float64Array[] = [];
  for (let b = 0; b < k; b++) {
    need(4);
    const len = v.getUint32(o, true);
    o += 4;
    need(len * 8);
    const buf = new Float64Array(len);
    for (let i = 0; i < len; i++, o += 8) buf[i] = v.getFloat64(o, true);
    buffers.push(buf);
  }
  if (o !== bytes.length) fail(`${bytes.length - o} trailing bytes`);
  return { epoch, steps, rng, optimizer, optimizerT, params, buffers };
}
