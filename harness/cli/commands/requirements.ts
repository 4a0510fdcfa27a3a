import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { requirements } from '../../requirements/catalogue.ts';
import { FAMILIES, FAMILY_TITLES, type Family, type Requirement } from '../../requirements/requirement.ts';

interface Options {
  json?: boolean;
  family?: Family;
}

function familyOption(value: string): Family {
  const f = value.toUpperCase() as Family;
  if (!FAMILIES.includes(f))
    throw new InvalidArgumentError(`--family must be one of ${FAMILIES.join(', ')}, got '${value}'`);
  return f;
}

function verdictRule(r: Requirement): string {
  const v = r.verdict;
  if (v.rule === 'all-pass') return 'all tests pass';
  if (v.rule === 'rate-upper-bound-at-most')
    return `${v.measurement} ≤ ${v.limit} (${v.confidence * 100} % upper bound)`;
  return `${v.measurement} ${v.rule === 'at-most' ? '≤' : '≥'} ${v.limit}${v.unit ? ` ${v.unit}` : ''}`;
}

/** A terminal gets an aligned table grouped by family; a pipe gets one tab-separated line each. */
function table(list: readonly Requirement[], width: number): string {
  const lines: string[] = [];
  for (const f of FAMILIES) {
    const rows = list.filter((r) => r.family === f);
    if (rows.length === 0) continue;
    lines.push(`${f} — ${FAMILY_TITLES[f]}`);
    for (const r of rows) {
      const head = `  ${r.id.padEnd(11)} ${r.severity.padEnd(8)} `;
      const room = Math.max(20, width - head.length);
      const title = r.title.length > room ? `${r.title.slice(0, room - 1)}…` : r.title;
      lines.push(head + title);
    }
    lines.push('');
  }
  lines.push(
    `${list.length} requirements; 'dactylo requirements --json' for sources, rationale, tests and verdict rules`,
  );
  return `${lines.join('\n')}\n`;
}

function plain(list: readonly Requirement[]): string {
  return list
    .map((r) =>
      [r.id, r.severity, r.title, r.evidence.map((e) => e.test).join(','), verdictRule(r)].join('\t'),
    )
    .map((l) => `${l}\n`)
    .join('');
}

export function register(program: Command): void {
  program
    .command('requirements')
    .description('list the certification requirements (ID, severity, title; --json for everything)')
    .option('--json', 'a JSON array of requirements (harness/contract/requirement.schema.json)')
    .option('--family <F>', `only one family: ${FAMILIES.join(', ')}`, familyOption)
    .action((o: Options) => {
      const list = requirements().filter((r) => !o.family || r.family === o.family);
      if (o.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else if (process.stdout.isTTY) process.stdout.write(table(list, process.stdout.columns ?? 100));
      else process.stdout.write(plain(list));
    });
}
