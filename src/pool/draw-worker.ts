/**
 * The draw thread's entry (draw-thread.ts): makes each GP draw it is sent
 * with gpDraw, the very function the main thread would run, and answers
 * with its params. Errors come back as data, never as exceptions.
 */
import { parentPort } from 'node:worker_threads';
import { gpDraw, type GpDraw } from '../search/gp-draw.js';
import type { DrawReply } from './protocol.js';

const port = parentPort!;
port.on('message', (draw: GpDraw) => {
  let reply: DrawReply;
  try {
    reply = { ok: true, params: gpDraw(draw) };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
