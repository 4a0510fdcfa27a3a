import type { Command } from 'commander';
import { flaws } from '../../flaws/flaws.ts';

export function register(program: Command): void {
  program
    .command('flaws')
    .description(
      'list the flaws that can be planted in the reference system, and the requirements that catch them',
    )
    .option('--json', 'a JSON array of {id, title, description, caughtBy}')
    .action((o: { json?: boolean }) => {
      const list = flaws();
      if (o.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...list.map((f) => f.id.length));
      for (const f of list)
        process.stdout.write(
          process.stdout.isTTY
            ? `${f.id.padEnd(width)}  ${f.title}\n${' '.repeat(width)}  caught by ${f.caughtBy.join(', ')}\n`
            : `${f.id}\t${f.title}\t${f.caughtBy.join(',')}\n`,
        );
    });
}
