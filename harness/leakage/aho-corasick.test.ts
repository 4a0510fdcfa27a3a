import { describe, expect, it } from 'vitest';
import { AhoCorasick } from './aho-corasick.ts';

const b = (s: string) => Buffer.from(s);

describe('AhoCorasick', () => {
  it('finds every occurrence, overlapping ones and needles inside needles included', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers'].map((s) => ({ bytes: b(s), value: s })));
    const found = ac.search(b('ushers')).map((m) => `${m.value}@${m.offset}`);
    expect(found.sort()).toEqual(['he@2', 'hers@2', 'she@1']);
    expect(ac.search(b('aaaa')).length).toBe(0);
  });

  it('agrees with indexOf on random bytes', () => {
    let x = 12345;
    const rnd = () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x & 3;
    };
    const hay = Buffer.from(Array.from({ length: 5000 }, rnd));
    const needles = Array.from({ length: 30 }, (_, i) =>
      Buffer.from(Array.from({ length: 3 + (i % 5) }, rnd)),
    );
    const ac = new AhoCorasick(needles.map((n, i) => ({ bytes: n, value: i })));
    const got = ac
      .search(hay)
      .map((m) => `${m.value}@${m.offset}`)
      .sort();
    const want: string[] = [];
    needles.forEach((n, i) => {
      for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + 1)) want.push(`${i}@${at}`);
    });
    expect(got).toEqual(want.sort());
  });

  it('refuses an empty needle', () => {
    expect(() => new AhoCorasick([{ bytes: new Uint8Array(), value: 0 }])).toThrow(/empty needle/);
  });
});
