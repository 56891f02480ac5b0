/**
 * Owner ids name the process holding a running trial: "host:pid:nonce". The
 * nonce tells a new process apart from a dead one whose pid was reused.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';

export function newOwnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** On this host, a pid that no longer exists means the owner is dead; elsewhere we cannot tell (heartbeats decide). */
export function isOwnerAlive(owner: string): boolean {
  const parts = owner.split(':');
  const nonce = parts.pop();
  const pid = Number(parts.pop());
  const host = parts.join(':');
  if (!nonce || !Number.isInteger(pid) || host !== os.hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
