/**
 * Latin spelling of Cyrillic names as printed in Kazakhstan's ID cards and passports: ICAO Doc 9303
 * Part 3 (Cyrillic table) as applied by Kazakhstan, where Kazakh letters take their base Latin letter
 * (Ә→A, Ғ→G, Қ→K, Ң→N, Ө→O, Ұ→U, Ү→U, Һ→H, І→I), Й→Y, Х→KH, Ц→TS, Ю→YU, Я→YA, and Е/Ё at the start
 * of a name become YE/YO (ЕРЛАН → YERLAN, ЕЛЕНА → YELENA), as seen on issued documents (verify against
 * the MIA's transliteration rules before a check depends on a single letter). Upper case, as printed.
 */

const TABLE: Readonly<Record<string, string>> = {
  А: 'A',
  Ә: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Ғ: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'Y',
  К: 'K',
  Қ: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  Ң: 'N',
  О: 'O',
  Ө: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ұ: 'U',
  Ү: 'U',
  Ф: 'F',
  Х: 'KH',
  Һ: 'H',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: '',
  Ы: 'Y',
  І: 'I',
  Ь: '',
  Э: 'E',
  Ю: 'YU',
  Я: 'YA',
  '-': '-',
  ' ': ' ',
};

const INITIAL: Readonly<Record<string, string>> = { Е: 'YE', Ё: 'YO' };

const cache = new Map<string, string>();

/** The document Latin form of a Cyrillic name; throws on a letter the table does not cover. */
export function toDocumentLatin(name: string): string {
  let latin = cache.get(name);
  if (latin === undefined) {
    latin = transliterate(name.toUpperCase());
    cache.set(name, latin);
  }
  return latin;
}

function transliterate(upper: string): string {
  let out = '';
  for (let i = 0; i < upper.length; i++) {
    const ch = upper[i];
    const wordStart = i === 0 || upper[i - 1] === ' ' || upper[i - 1] === '-';
    const mapped = (wordStart ? INITIAL[ch] : undefined) ?? TABLE[ch];
    if (mapped === undefined) throw new RangeError(`no document transliteration for '${ch}' in '${upper}'`);
    out += mapped;
  }
  return out;
}
