import Database from 'better-sqlite3';

/** Trials complete or pruned in the database so far, read while a run writes it (0 before the file exists). */
export function countFinished(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare("SELECT COUNT(*) AS n FROM trials WHERE state IN ('complete','pruned')").get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}
