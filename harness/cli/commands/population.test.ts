import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';
import { writePopulation } from './population.ts';

const run = promisify(execFile);
const DACTYLO = new URL('../dactylo.mjs', import.meta.url).pathname;

/** Runs the CLI in-process; returns exit code and what went to stderr. */
async function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['node', 'dactylo', ...args]), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('dactylo population', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dactylo-population-'));
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['--seed', '1', '--count', '-1'], /--count must be at least 1, got -1/],
    [['--seed', '1', '--count', 'abc'], /--count must be a whole number, got 'abc'/],
    [['--count', '5', '--seed'], /--seed <seed>' argument missing/],
    [['--seed', '--count', '5'], /--seed needs a value/],
    [['--count', '5'], /required option '--seed <seed>'/],
    [['--seed', '1', '--count', '5', '--as-of', '2025-13-01'], /--as-of must be a date/],
    [['--seed', '1', '--count', '5', '--as-of', '1850-01-01'], /--as-of: as-of date must fall in/],
    [['--seed', '1', '--count', '999999999'], /--count must be at most/],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const { code, stderr } = await cli('population', '--out', join(dir, 'never.ndjson'), ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails on an unwritable --out with one line, exit code 1 and nothing left behind', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const out of [join(dir, 'missing', 'p.ndjson'), join(file, 'p.ndjson')]) {
      const { code, stderr } = await cli('population', '--seed', '1', '--count', '5', '--out', out);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^dactylo: cannot write .*\n$/);
    }
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  it('writes with --out exactly the bytes it prints on stdout', async () => {
    const { stdout } = await run(
      process.execPath,
      [DACTYLO, 'population', '--seed', 'same', '--count', '2500'],
      {
        maxBuffer: 64 * 2 ** 20,
      },
    );
    const out = join(dir, 'same.ndjson');
    expect((await cli('population', '--seed', 'same', '--count', '2500', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(stdout);
    expect(stdout.split('\n')).toHaveLength(2502);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('stops quietly when the reader goes away (EPIPE, as with `| head`)', async () => {
    let written = 0;
    const closing = new Writable({
      highWaterMark: 1024,
      write(chunk, _encoding, done) {
        written += chunk.length;
        done(written > 100_000 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null);
      },
    });
    expect(await writePopulation(closing, { seed: 'pipe', count: 50_000, asOf: '2025-01-01' })).toBe(false);
    expect(written).toBeLessThan(2_000_000);
  });

  it('prints help', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect((await cli('population', '--help')).code).toBe(0);
    expect(write.mock.calls.join('')).toMatch(/--as-of <date>/);
  });
});
