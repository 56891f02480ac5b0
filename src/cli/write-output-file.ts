/** Writes a command's output file (`--out` of export and report), with a message that says what is wrong with the path. */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export function writeOutputFile(file: string, text: string): void {
  if (file === '') throw new UsageError('--out must be a file path (got "")');
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${why(file, e as NodeJS.ErrnoException)}`);
  }
}

function why(file: string, e: NodeJS.ErrnoException): string {
  const dir = path.dirname(file);
  switch (e.code) {
    // writeFileSync creates the file but never its directory.
    case 'ENOENT':
      return `the directory ${dir} does not exist`;
    case 'ENOTDIR':
      return `a part of ${dir} is a file, not a directory`;
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return e.code ?? e.message;
  }
}
