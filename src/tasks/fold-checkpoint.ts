/**
 * The checkpoint of a k-fold job: the k trainer checkpoints side by side, so
 * a cross-validated trial warm-starts like a single-split one.
 *
 * Layout (little-endian): "RGKF", u16 version (1), u16 k, then k × (u32 byte
 * length, the trainer checkpoint bytes).
 */
import { CheckpointError } from './trainer-checkpoint.js';

const MAGIC = [0x52, 0x47, 0x4b, 0x46]; // "RGKF"
const VERSION = 1;

export function encodeFoldCheckpoints(parts: readonly Uint8Array[]): Uint8Array {
  let size = 8;
  for (const p of parts) size += 4 + p.length;
  const bytes = new Uint8Array(size);
  const v = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  v.setUint16(4, VERSION, true);
  v.setUint16(6, parts.length, true);
  let o = 8;
  for (const p of parts) {
    v.setUint32(o, p.length, true);
    bytes.set(p, o + 4);
    o += 4 + p.length;
  }
  return bytes;
}

export function isFoldCheckpoint(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((m, i) => bytes[i] === m);
}

/** The k trainer checkpoints; `k` is the fold count the job expects. */
export function decodeFoldCheckpoints(bytes: Uint8Array, k: number): Uint8Array[] {
  if (!isFoldCheckpoint(bytes)) {
    throw new CheckpointError(`the checkpoint is not a ${k}-fold checkpoint (was the task's "folds" changed?)`);
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint16(4, true) !== VERSION) throw new CheckpointError(`unsupported fold checkpoint version ${v.getUint16(4, true)}`);
  const count = v.getUint16(6, true);
  if (count !== k) throw new CheckpointError(`the checkpoint holds ${count} folds but the task has ${k}`);
  const parts: Uint8Array[] = [];
  let o = 8;
  for (let i = 0; i < count; i++) {
    if (o + 4 > bytes.length) throw new CheckpointError('fold checkpoint is truncated');
    const len = v.getUint32(o, true);
    if (o + 4 + len > bytes.length) throw new CheckpointError('fold checkpoint is truncated');
    parts.push(bytes.subarray(o + 4, o + 4 + len));
    o += 4 + len;
  }
  return parts;
}
