import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Gallery } from '../../../sim/matcher/identification/gallery.ts';
import { saveGallery } from '../../../sim/matcher/identification/gallery-file.ts';
import { syntheticEntries, syntheticProbe } from '../../../sim/matcher/identification/synthetic-gallery.ts';
import { templateToJson } from '../../../sim/matcher/template-json.ts';
import { runCli } from '../run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-identify-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entries = syntheticEntries('identify-cli', 0, 30);
const file = join(root, 'gallery.dgal');
saveGallery(Gallery.build(entries), file);
const probe = join(root, 'probe.json');
writeFileSync(
  probe,
  JSON.stringify(templateToJson(syntheticProbe('identify-cli', 21, entries[21].template))),
);

const run = (args: string[]) => runCli(['identify', ...args]);

describe('dactylo identify', () => {
  it('lists rank, subject, position and score, best first, and the penetration', async () => {
    const r = await run(['--gallery', file, probe, '--top', '3', '--workers', '0']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1\tsubject-21\t2\t0\.\d{4}$/);
    expect(r.stderr).toMatch(/searched 30 entries: .* re-scored 1:1 \(penetration/);
  });

  it('says so when no candidate reaches the threshold', async () => {
    const r = await run(['--gallery', file, probe, '--threshold', '1', '--workers', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no candidate above the threshold\n');
  });

  it.each([
    [[join(root, 'missing.dgal'), probe], 1, /missing\.dgal: cannot read gallery \(ENOENT\)/],
    [[probe, probe], 1, /probe\.json: not a dactylo gallery \(bad magic\)/],
    [[file, join(root, 'nothing.png')], 1, /nothing\.png: cannot read/],
    [[file, file], 1, /gallery\.dgal: unknown image format/],
    [[file, probe, '--top', '0'], 2, /--top must be between 1 and 1000/],
    [[file, probe, '--threshold', 'high'], 2, /--threshold must be a similarity between 0 and 1/],
  ])('%j fails with one line and exit %i', async ([gallery, p, ...rest], code, message) => {
    const r = await run(['--gallery', gallery as string, p as string, ...(rest as string[])]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a truncated gallery file with the reason', async () => {
    const cut = join(root, 'cut.dgal');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    const r = await run(['--gallery', cut, probe]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cut\.dgal: truncated gallery: section \w+ ends at byte \d+, file has \d+/);
  });
});
