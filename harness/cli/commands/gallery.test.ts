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
import { Gallery } from '../../../sim/matcher/identification/gallery.ts';
import { encodeGallery } from '../../../sim/matcher/identification/gallery-file.ts';
import { syntheticEntries, syntheticProbe } from '../../../sim/matcher/identification/synthetic-gallery.ts';
import { decodeIsoTemplate, encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { templateFromJson, templateToJson } from '../../../sim/matcher/template-json.ts';
import { runCli } from '../run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-gallery-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entries = syntheticEntries('gallery-cli', 0, 12);
const templates = join(root, 'templates');
mkdirSync(templates);
for (const e of entries.slice(0, 8))
  writeFileSync(join(templates, `${e.subjectId}.json`), JSON.stringify(templateToJson(e.template)));
for (const e of entries.slice(8))
  writeFileSync(join(templates, `${e.subjectId}.ist`), encodeIsoTemplate(e.template));
writeFileSync(join(templates, 'notes.txt'), 'not a template');
const probe = join(root, 'probe.json');
writeFileSync(probe, JSON.stringify(templateToJson(syntheticProbe('gallery-cli', 9, entries[9].template))));

const run = runCli;

function expectOneLineError(r: { code: number; stderr: string }, code: number, message: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

describe('dactylo gallery build / identify', () => {
  const file = join(root, 'gallery.dgal');

  it('builds a gallery from templates (.json and .ist) and finds the probe first', async () => {
    const built = await run(['gallery', 'build', '--from', templates, '--out', file]);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/12 entries/);
    expect(readdirSync(root).filter((n) => n.includes('partial'))).toEqual([]);
    const info = await run(['gallery', 'info', file]);
    expect(info.stdout).toMatch(/gallery format 1, 12 entries/);
    const found = await run(['identify', '--gallery', file, probe, '--top', '2', '--workers', '0', '--json']);
    expect(found.code).toBe(0);
    const result = JSON.parse(found.stdout);
    expect(result.candidates).toHaveLength(2);
    expect(result.candidates[0]).toMatchObject({ rank: 1, subjectId: 'subject-9' });
    expect(result.galleryEntries).toBe(12);
  }, 60_000);

  it('writes the same bytes as enrolling the same files in name order in memory', async () => {
    const g = Gallery.create();
    const names = readdirSync(templates)
      .filter((n) => !n.endsWith('.txt'))
      .sort();
    for (const name of names) {
      const bytes = readFileSync(join(templates, name));
      const template = name.endsWith('.ist')
        ? decodeIsoTemplate(bytes)
        : templateFromJson(JSON.parse(bytes.toString('utf8')));
      g.enrol({ subjectId: name.replace(/\.(json|ist)$/, ''), position: template.position, template });
    }
    expect(new Uint8Array(readFileSync(file))).toEqual(encodeGallery(g));
  });

  it.each([
    [
      ['gallery', 'build', '--from', join(root, 'none'), '--out', join(root, 'x.dgal')],
      2,
      /--from .*none does not exist/,
    ],
    [
      ['gallery', 'build', '--from', templates, '--out', join(root, 'no-dir', 'x.dgal')],
      1,
      /directory .*no-dir does not exist/,
    ],
    [['gallery', 'info', join(root, 'missing.dgal')], 1, /missing\.dgal: cannot read gallery \(ENOENT\)/],
    [['gallery', 'info', probe], 1, /probe\.json: not a dactylo gallery \(bad magic\)/],
  ])('%j fails with one line and exit %i', async (args, code, message) => {
    expectOneLineError(await run(args as string[]), code as number, message as RegExp);
  });

  it('leaves no gallery behind when a file of the directory is bad', async () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'a.json'), JSON.stringify(templateToJson(entries[0].template)));
    writeFileSync(join(bad, 'b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const out = join(root, 'bad.dgal');
    expectOneLineError(await run(['gallery', 'build', '--from', bad, '--out', out]), 1, /b\.png: /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('refuses an empty directory', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expectOneLineError(
      await run(['gallery', 'build', '--from', empty, '--out', join(root, 'e.dgal')]),
      2,
      /holds no images .* or templates/,
    );
  });
});
