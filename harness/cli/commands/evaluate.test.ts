import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertValid } from '../../contract/validate.ts';
import { runCli } from '../run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-evaluate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const db = join(root, 'db');
const script = join(root, 'matcher.sh');

// External matcher stand-in, in sh so that each call is cheap: template = image name; 4_3 cannot be
// enrolled; scores overlap a little between genuine and impostor pairs.
writeFileSync(
  script,
  `case "$1" in
extract)
  n=$(basename "$2" .bmp)
  if [ "$n" = 4_3 ]; then echo "no ridges" >&2; exit 1; fi
  echo "$n" > "$3" ;;
compare)
  a=$(cat "$2"); b=$(cat "$3")
  fa=\${a%_*}; ia=\${a#*_}; fb=\${b%_*}; ib=\${b#*_}
  j=$(( (ia * 3 + ib * 5 + fa + fb * 7) % 10 ))
  if [ "$fa" = "$fb" ]; then echo $((50 + j)); else echo $((42 + j)); fi ;;
esac
`,
);
mkdirSync(db);
for (let f = 1; f <= 4; f++) for (let i = 1; i <= 3; i++) writeFileSync(join(db, `${f}_${i}.bmp`), '');

const run = (args: string[]) => runCli(['evaluate', ...args]);

describe('dactylo evaluate', () => {
  it('measures an external matcher and writes a valid JSON report and an HTML page', async () => {
    const json = join(root, 'report.json');
    const html = join(root, 'report.html');
    const r = await run([
      '--db',
      db,
      '--protocol',
      'all-pairs',
      '--matcher',
      `cmd:"sh ${script}"`,
      '--json',
      json,
      '--html',
      html,
      '--bootstrap',
      '200',
      '--fmr',
      '0.05',
      '--svg',
      join(root, 'svg'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/12 genuine, 54 impostor comparisons/);
    expect(r.stdout).toMatch(/EER {6}\d+\.\d\d % {2}\[\d+\.\d\d % – \d+\.\d\d %\]/);
    expect(r.stdout).toMatch(/FTE {6}8\.33 %/);
    expect(r.stdout).toMatch(/FNMR at FMR 5 %/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assertValid('evaluation-report.schema.json', report);
    expect(report.enrolFailures).toEqual([{ image: '4_3', reason: 'no ridges' }]);
    expect(readFileSync(html, 'utf8')).toContain('<svg');
    expect(readdirSync(join(root, 'svg')).sort()).toEqual(['det.svg', 'histogram.svg']);
  });

  it('prints the same figures on a second run (same seed), and KS distances to an earlier report', async () => {
    const args = ['--db', db, '--matcher', `cmd:sh ${script}`, '--bootstrap', '100'];
    const a = await run(args);
    const b = await run([...args, '--ks-against', join(root, 'report.json')]);
    const figures = (s: string) =>
      s.split('\n').filter((l) => !l.startsWith('mean extraction') && !l.startsWith('KS'));
    expect(figures(b.stdout)).toEqual(figures(a.stdout));
    expect(b.stdout).toMatch(/KS genuine scores vs .*: D = 0\.\d{3}, p = /);
    expect(b.stdout).toMatch(/KS impostor scores vs/);
  });

  it('compares sets: one table row per set, KS distances to the first', async () => {
    const r = await run([
      '--compare',
      db,
      `${db}@500`,
      '--matcher',
      `cmd:sh ${script}`,
      '--protocol',
      'all-pairs',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith(`| ${db}`));
    expect(rows).toHaveLength(2);
    // The same set twice: every distance that can be measured is 0; no dactylo templates or images.
    for (const row of rows)
      expect(row).toMatch(/\| \d+ \/ \d+ \| .* \| — \| — \| — \| — \| 0\.000 \| 0\.000 \|$/);
  });

  it('runs a 1:N evaluation and writes its JSON and CMC curve', async () => {
    const json = join(root, 'identification.json');
    const svg = join(root, 'cmc');
    const r = await run([
      '--identification',
      '--gallery-sizes',
      '10,30',
      '--mated',
      '4',
      '--non-mated',
      '2',
      '--rank',
      '3',
      '--probes',
      'template-only',
      '--json',
      json,
      '--svg',
      svg,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gallery 30: CMC rank 1 \d+\.\d\d %, rank 3/);
    expect(r.stdout).toMatch(/FNIR rank 1 .*FPIR/);
    expect(JSON.parse(readFileSync(json, 'utf8')).sizes).toHaveLength(2);
    expect(readdirSync(svg)).toEqual(['cmc.svg']);
  });

  it.each([
    [['--identification', '--gallery-sizes', '100,50'], 2, /--gallery-sizes must be ascending/],
    [['--identification', '--gallery-sizes', '10', '--mated', '20'], 2, /at least --mated \(20\)/],
    [['--identification', '--probes', 'drawn'], 2, /--probes must be rendered or template-only/],
    [[] as string[], 2, /required option '--db <dir>' not specified/],
    [['--db', db, '--compare', db], 2, /either --db or --compare/],
    [['--compare', `${db}@9`], 2, /must be an integer 100–2000 ppi/],
    [['--db', db, '--protocol', 'fvc2004'], 2, /--protocol must be one of fvc2002, fvc2006, all-pairs/],
    [['--db', db, '--matcher', 'bozorth'], 2, /--matcher must be 'dactylo' or 'cmd:"COMMAND"'/],
    [['--db', db, '--workers', '0'], 2, /--workers must be between 1 and 64/],
    [['--db', join(root, 'nope')], 1, /cannot read database folder/],
    [['--db', db, '--ks-against', join(root, 'nope.json')], 2, /--ks-against .*nope\.json: ENOENT/],
  ])('refuses %j with one line', async (args, code, message) => {
    const r = await run(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('leaves no report behind when the run fails', async () => {
    const json = join(root, 'never.json');
    const r = await run(['--db', join(root, 'nope'), '--json', json]);
    expect(r.code).toBe(1);
    expect(existsSync(json)).toBe(false);
    expect(readdirSync(root).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
