import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandMatcher, parseScore } from './command-matcher.ts';
import { parseMatcherSpec } from './matcher-adapter.ts';

let dir: string;
let script: string;

// A stand-in external matcher: the template is the finger number; 3_1 cannot be enrolled.
const MATCHER = `
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
const [cmd, x, y] = process.argv.slice(2);
if (cmd === 'extract') {
  if (basename(x).startsWith('3_1')) { process.stderr.write('image too dark\\n'); process.exit(4); }
  writeFileSync(y, basename(x).split('_')[0]);
} else if (cmd === 'compare') {
  const same = readFileSync(x, 'utf8') === readFileSync(y, 'utf8');
  process.stdout.write(same ? '42.5\\n' : '7\\n');
} else process.exit(2);
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dactylo-cmd-'));
  script = join(dir, 'matcher.mjs');
  await writeFile(script, MATCHER);
  for (const n of ['1_1', '1_2', '2_1', '3_1']) await writeFile(join(dir, `${n}.tif`), '');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('external command matcher', () => {
  it('enrols through `extract`, scores through `compare`, and reports refusals', async () => {
    const m = await commandMatcher(`node ${script}`, { workers: 2 });
    const paths = ['1_1', '1_2', '2_1', '3_1'].map((n) => join(dir, `${n}.tif`));
    const done: number[] = [];
    const r = await m.extractAll(paths, (i) => done.push(i));
    expect(done.sort()).toEqual([0, 1, 2, 3]);
    expect(r[3]).toMatchObject({ template: null, reason: 'image too dark' });
    expect(new TextDecoder().decode(r[0].template ?? new Uint8Array())).toBe('1');
    expect(await m.compare(r[0].template!, r[1].template!, 0, 1)).toBe(42.5);
    expect(await m.compare(r[0].template!, r[2].template!, 0, 2)).toBe(7);
    await m.close();
  });

  it('accepts only a number on the first line as a score', () => {
    expect(parseScore('0.25\nextra')).toBe(0.25);
    expect(parseScore('1e-3')).toBe(0.001);
    expect(parseScore('score: 3')).toBeNull();
    expect(parseScore('')).toBeNull();
  });

  it('parses --matcher spellings and refuses others', () => {
    expect(parseMatcherSpec('dactylo')).toEqual({ kind: 'dactylo' });
    expect(parseMatcherSpec('cmd:"bozorth-wrap --x"')).toEqual({ kind: 'cmd', command: 'bozorth-wrap --x' });
    expect(() => parseMatcherSpec('cmd:')).toThrow(/needs a command/);
    expect(() => parseMatcherSpec('sourceafis')).toThrow(/must be 'dactylo'/);
  });
});
