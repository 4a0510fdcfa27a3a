import { createHash } from 'node:crypto';
import type { Resident } from '../../sim/population/resident.ts';
import { toDocumentLatin } from '../../sim/population/transliteration.ts';
import type { Random } from '../../sim/random/index.ts';

/**
 * A canary: a resident whose identifiers are unique markers, enrolled so that any trace of them in
 * storage, logs or responses is a leak that can be found by searching. Needles are the byte strings
 * a careless system might store them as.
 */
export interface Canary {
  surname: string;
  givenName: string;
  patronymic: string | null;
  iin: string;
  birthDate: string;
  documentNumber: string;
}

export type CanaryField = keyof Canary;

export type Encoding =
  | 'plain'
  | 'lower-case'
  | 'upper-case'
  | 'transliterated'
  | 'transliterated-lower-case'
  | 'transliterated-capitalized'
  | 'json-unicode-escaped'
  | 'hex'
  | 'hex-upper-case'
  | 'base64'
  | 'base64url'
  | 'url-encoded'
  | 'form-encoded'
  | 'utf-16le'
  | 'utf-16be'
  | 'md5-hex'
  | 'md5-base64'
  | 'md5-raw'
  | 'sha1-hex'
  | 'sha1-base64'
  | 'sha1-raw'
  | 'sha256-hex'
  | 'sha256-base64'
  | 'sha256-raw'
  | `date-${string}`;

export interface Needle {
  canary: number;
  field: CanaryField;
  encoding: Encoding;
  bytes: Buffer;
}

/** Needles shorter than this would match by chance in megabytes of random template bytes. */
export const MIN_NEEDLE_BYTES = 6;

export function canaryFromResident(r: Resident): Canary {
  return {
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    iin: r.iin,
    birthDate: r.birthDate,
    documentNumber: r.documents[0]?.number ?? '',
  };
}

const SYLLABLES = [
  'ба',
  'жа',
  'ке',
  'мы',
  'ну',
  'са',
  'тө',
  'құ',
  'ғи',
  'ла',
  'ре',
  'шо',
  'зе',
  'дә',
  'қа',
  'ор',
];

/** A marker surname: seven Kazakh syllables and a suffix, unique with overwhelming probability (16^7). */
export function markerSurname(random: Random): string {
  let s = '';
  for (let i = 0; i < 7; i++) s += SYLLABLES[random.int(SYLLABLES.length)];
  return `${s[0].toUpperCase()}${s.slice(1)}ова`;
}

/** A resident turned into a canary: its surname replaced by a unique marker, its IIN and documents kept. */
export function markerCanary(r: Resident, random: Random): Canary {
  return { ...canaryFromResident(r), surname: markerSurname(random) };
}

// Latin → Cyrillic for Latin-spelled names: digraphs first, as in the document table read backwards.
const LATIN_DIGRAPHS: [string, string][] = [
  ['SHCH', 'Щ'],
  ['ZH', 'Ж'],
  ['KH', 'Х'],
  ['TS', 'Ц'],
  ['CH', 'Ч'],
  ['SH', 'Ш'],
  ['YU', 'Ю'],
  ['YA', 'Я'],
  ['YE', 'Е'],
  ['YO', 'Ё'],
];
const LATIN_SINGLE: Record<string, string> = {
  A: 'А',
  B: 'Б',
  V: 'В',
  G: 'Г',
  D: 'Д',
  E: 'Е',
  Z: 'З',
  I: 'И',
  Y: 'Й',
  K: 'К',
  L: 'Л',
  M: 'М',
  N: 'Н',
  O: 'О',
  P: 'П',
  R: 'Р',
  S: 'С',
  T: 'Т',
  U: 'У',
  F: 'Ф',
  H: 'Һ',
  C: 'К',
  Q: 'Қ',
  W: 'У',
  X: 'КС',
  J: 'Ж',
};

export function latinToCyrillic(latin: string): string {
  let out = '';
  const s = latin.toUpperCase();
  for (let i = 0; i < s.length; ) {
    const d = LATIN_DIGRAPHS.find(([l]) => s.startsWith(l, i));
    if (d) {
      out += d[1];
      i += d[0].length;
    } else {
      out += LATIN_SINGLE[s[i]] ?? s[i];
      i++;
    }
  }
  return out;
}

function transliterations(v: string): string[] {
  if (/[\u0400-\u04ff]/.test(v)) {
    try {
      return [toDocumentLatin(v)];
    } catch {
      return [];
    }
  }
  return /[A-Za-z]/.test(v) ? [latinToCyrillic(v)] : [];
}

function capitalized(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function jsonEscaped(v: string): string | null {
  if (!/[^\x20-\x7e]/.test(v)) return null;
  return v.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function utf16be(v: string): Buffer {
  const le = Buffer.from(v, 'utf16le');
  return le.swap16();
}

function textEncodings(v: string): [Encoding, Buffer][] {
  const utf8 = Buffer.from(v, 'utf8');
  const out: [Encoding, Buffer][] = [
    ['plain', utf8],
    ['lower-case', Buffer.from(v.toLowerCase())],
    ['upper-case', Buffer.from(v.toUpperCase())],
    ['hex', Buffer.from(utf8.toString('hex'))],
    ['hex-upper-case', Buffer.from(utf8.toString('hex').toUpperCase())],
    ['base64', Buffer.from(utf8.toString('base64'))],
    ['base64url', Buffer.from(utf8.toString('base64url'))],
    ['url-encoded', Buffer.from(encodeURIComponent(v))],
    ['form-encoded', Buffer.from(encodeURIComponent(v).replace(/%20/g, '+'))],
    ['utf-16le', Buffer.from(v, 'utf16le')],
    ['utf-16be', utf16be(v)],
  ];
  const escaped = jsonEscaped(v);
  if (escaped) out.push(['json-unicode-escaped', Buffer.from(escaped)]);
  for (const t of transliterations(v)) {
    out.push(['transliterated', Buffer.from(t)]);
    out.push(['transliterated-lower-case', Buffer.from(t.toLowerCase())]);
    out.push(['transliterated-capitalized', Buffer.from(capitalized(t))]);
  }
  return out;
}

function digestEncodings(v: string): [Encoding, Buffer][] {
  const out: [Encoding, Buffer][] = [];
  for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
    const raw = createHash(algorithm).update(v).digest();
    out.push([`${algorithm}-hex`, Buffer.from(raw.toString('hex'))]);
    out.push([`${algorithm}-base64`, Buffer.from(raw.toString('base64'))]);
    out.push([`${algorithm}-raw`, raw]);
  }
  return out;
}

/** A birth date in the forms forms and databases write it. */
function dateForms(iso: string): [Encoding, string][] {
  const [y, m, d] = iso.split('-');
  return [
    ['plain', iso],
    ['date-dd.mm.yyyy', `${d}.${m}.${y}`],
    ['date-dd/mm/yyyy', `${d}/${m}/${y}`],
    ['date-yyyymmdd', `${y}${m}${d}`],
  ];
}

/**
 * Every needle of one canary: each identifying field in every encoding, the IIN also as unsalted
 * MD5/SHA-1/SHA-256 digests. Identical byte strings under two names are kept once, and needles
 * shorter than MIN_NEEDLE_BYTES are dropped (they would match by chance).
 */
export function canaryNeedles(c: Canary, index = 0): Needle[] {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  const add = (field: CanaryField, encoding: Encoding, bytes: Buffer) => {
    const key = bytes.toString('hex');
    if (bytes.length < MIN_NEEDLE_BYTES || seen.has(key)) return;
    seen.add(key);
    needles.push({ canary: index, field, encoding, bytes });
  };
  for (const field of ['surname', 'givenName', 'patronymic', 'documentNumber', 'iin'] as const) {
    const v = c[field];
    if (!v) continue;
    for (const [encoding, bytes] of textEncodings(v)) add(field, encoding, bytes);
  }
  for (const [encoding, bytes] of digestEncodings(c.iin)) add('iin', encoding, bytes);
  for (const [form, text] of dateForms(c.birthDate)) {
    for (const [encoding, bytes] of textEncodings(text)) {
      if (encoding.startsWith('transliterated') || encoding.endsWith('-case')) continue;
      add(
        'birthDate',
        form === 'plain' ? encoding : encoding === 'plain' ? form : (`${form}+${encoding}` as Encoding),
        bytes,
      );
    }
  }
  return needles;
}
