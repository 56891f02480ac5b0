// A trial that holds its worker thread for JOB_MS (default 150) without using a core (Atomics.wait), as
// a job waiting on I/O would, so that the two builds' draws compete for the cores only with each other;
// returns the sum of squares of the params.
const ms = Number(process.env.JOB_MS ?? 150);

export default function objective(params) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return Object.values(params).reduce((sum, v) => sum + v * v, 0);
}
