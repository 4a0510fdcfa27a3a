import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeGrayPng } from '../../../sim/image/png-encode.ts';
import { phaseFingerprint } from '../../../sim/matcher/extraction/phase-fingerprint.test-helper.ts';
import { decodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { templateFromJson } from '../../../sim/matcher/template-json.ts';
import { main } from '../main.ts';

let dir: string;
let stderr: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dactylo-extract-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => main(['node', 'dactylo', 'extract', ...args]);

describe('dactylo extract', () => {
  it('writes an ISO template and its JSON view per image, and a trace of every stage', async () => {
    const png = join(dir, 'finger.png');
    writeFileSync(png, encodeGrayPng(phaseFingerprint().image));
    const out = join(dir, 'out');
    const trace = join(dir, 'trace');
    expect(await run(png, '--out', out, '--trace', trace)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['finger.ist', 'finger.json']);
    const iso = decodeIsoTemplate(readFileSync(join(out, 'finger.ist')));
    const json = templateFromJson(JSON.parse(readFileSync(join(out, 'finger.json'), 'utf8')));
    expect(iso.minutiae.length).toBe(json.minutiae.length);
    expect(iso.minutiae.length).toBeGreaterThanOrEqual(4);
    const traced = readdirSync(trace);
    expect(traced).toContain('finger.06-enhancement.png');
    expect(traced).toContain('finger.13-minutiae.json');
    expect(traced.filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(12);
  });

  it('fails with one line naming the bad file, and writes nothing', async () => {
    const good = join(dir, 'good.png');
    writeFileSync(good, encodeGrayPng(phaseFingerprint().image));
    const bad = join(dir, 'bad.png');
    writeFileSync(bad, encodeGrayPng(phaseFingerprint().image).subarray(0, 300));
    const out = join(dir, 'out');
    expect(await run(good, bad, '--out', out, '--trace', join(dir, 'trace'))).toBe(1);
    expect(stderr).toMatch(/bad\.png: truncated PNG/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'trace'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['bad.png', 'good.png']);
  });

  it('rejects a bad --ppi and a missing --out as usage errors', async () => {
    expect(await run('x.png', '--out', join(dir, 'o'), '--ppi', 'fast')).toBe(2);
    expect(stderr).toMatch(/--ppi must be a whole number/);
    expect(await run('x.png')).toBe(2);
  });
});
