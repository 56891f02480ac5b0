/** `rungs delete <study>`: removes a study and all its trials, after confirmation unless --yes. */
import readline from 'node:readline/promises';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { UsageError } from '../../errors.js';
import { defaultDbPath, openStudyStore } from '../open-store.js';
import { studyNameArg } from '../study-name-arg.js';

interface DeleteArgs {
  study: string;
  db: string;
  yes: boolean;
}

export const deleteCommand = {
  command: 'delete <study>',
  describe: 'delete a study and all its trials',
  builder: (y: Argv) =>
    y
      .positional('study', { type: 'string', demandOption: true })
      .option('db', { type: 'string', default: defaultDbPath(), describe: 'SQLite database ($RUNGS_DB)' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'do not ask for confirmation' })
      .example('$0 delete old-study --yes', 'delete without asking'),
  handler: async (argv: ArgumentsCamelCase<DeleteArgs>) => {
    const name = studyNameArg(argv.study);
    const store = openStudyStore(argv.db);
    try {
      const study = await store.study(name);
      const count = (await store.storage.getTrials(study.id)).length;
      if (!argv.yes) {
        if (!process.stdin.isTTY) throw new UsageError(`not deleting study "${study.name}" (${count} trials): pass --yes to confirm when not on a terminal`);
        const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
        const answer = await rl.question(`delete study "${study.name}" and its ${count} trials from ${argv.db}? [y/N] `);
        rl.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          process.stderr.write('not deleted\n');
          return;
        }
      }
      await store.storage.deleteStudy(study.name);
      process.stdout.write(`deleted study "${study.name}" (${count} trials)\n`);
    } finally {
      await store.close();
    }
  },
};
