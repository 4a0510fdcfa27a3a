/**
 * The forms a piece of personal data may take when it leaks: as text, as hex of its UTF-8 bytes,
 * and as base64 at each of the three byte alignments it can have inside a longer encoded string
 * (the edge characters, which mix with neighbouring bytes, are dropped).
 */
export function leakForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = [value, bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = b64.slice(Math.ceil((shift * 4) / 3) + 1, -4);
    if (core.length >= 6) forms.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}

export interface Leak {
  where: string;
  value: string;
  form: string;
}

/** Every place (name → text) where any form of any value occurs. */
export function findLeaks(values: readonly string[], places: Record<string, string>): Leak[] {
  const leaks: Leak[] = [];
  for (const value of values) {
    for (const form of leakForms(value)) {
      for (const [where, text] of Object.entries(places))
        if (text.includes(form)) leaks.push({ where, value, form });
    }
  }
  return leaks;
}
