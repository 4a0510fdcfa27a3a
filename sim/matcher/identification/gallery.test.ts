import { describe, expect, it } from 'vitest';
import { COLUMN_NAMES, Gallery } from './gallery.ts';
import { syntheticEntries } from './synthetic-gallery.ts';

const entries = syntheticEntries('gallery-test', 0, 60);

describe('gallery', () => {
  it('built in bulk equals enrolled one at a time', () => {
    const bulk = Gallery.build(entries);
    const incremental = Gallery.create();
    for (const e of entries) incremental.enrol(e);
    expect(incremental.size).toBe(60);
    const a = bulk.view();
    const b = incremental.view();
    for (const name of COLUMN_NAMES) expect(b[name], name).toEqual(a[name]);
  });

  it('keeps its columns on shared memory, through growth', () => {
    const g = Gallery.create();
    for (const e of entries.slice(0, 40)) g.enrol(e);
    for (const name of COLUMN_NAMES) expect(g.view()[name].buffer, name).toBeInstanceOf(SharedArrayBuffer);
    expect(g.template(0)).toEqual(Gallery.build(entries.slice(0, 1)).template(0));
  });

  it('gives back each entry: subject, position and template at float32 precision', () => {
    const g = Gallery.build(entries);
    const e = entries[7];
    expect(g.subjectId(7)).toBe(e.subjectId);
    expect(g.position(7)).toBe(e.position);
    const t = g.template(7);
    expect(t.minutiae.length).toBe(e.template.minutiae.length);
    t.minutiae.forEach((m, i) => {
      const o = e.template.minutiae[i];
      expect(m.x).toBe(Math.fround(o.x));
      expect(m.y).toBe(Math.fround(o.y));
      expect(m.angle).toBe(Math.fround(o.angle));
      expect(m.type).toBe(o.type);
      expect(m.quality).toBe(o.quality);
    });
    expect([t.width, t.height, t.ppi]).toEqual([e.template.width, e.template.height, e.template.ppi]);
  });

  it('keeps any subject identifier, and an unknown position as unknown', () => {
    const g = Gallery.create();
    g.enrol({ subjectId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', template: entries[0].template });
    g.enrol({ subjectId: 'Әлия Сәрсенбаева', position: 6, template: entries[1].template });
    expect(g.subjectId(0)).toBe('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(g.position(0)).toBeUndefined();
    expect(g.subjectId(1)).toBe('Әлия Сәрсенбаева');
    expect(g.position(1)).toBe(6);
  });

  it('appending a gallery built elsewhere equals building both together', () => {
    const first = Gallery.build(entries.slice(0, 25));
    first.append(Gallery.build(entries.slice(25)));
    const whole = Gallery.build(entries).view();
    const merged = first.view();
    for (const name of COLUMN_NAMES) expect(merged[name], name).toEqual(whole[name]);
  });

  it('rejects entries it cannot hold', () => {
    const g = Gallery.create();
    const template = entries[0].template;
    expect(() => g.enrol({ subjectId: '', template })).toThrow(/subject identifier/);
    expect(() => g.enrol({ subjectId: 'a', position: 11 as never, template })).toThrow(/position 11/);
    expect(() => g.enrol({ subjectId: 'a', template: { ...template, width: 70000 } })).toThrow(/width/);
    expect(g.size).toBe(0);
  });
});
