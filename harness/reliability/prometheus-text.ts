/**
 * A strict reader of the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/): what a scraper accepts, and
 * nothing a lenient one would guess at. Used to check that a target's /metrics really is that format.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help?: string;
  samples: Sample[];
}

export class ExpositionError extends Error {
  override name = 'ExpositionError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** The family a sample belongs to: histogram and summary samples carry a suffix. */
function familyOf(name: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  const direct = families.get(name);
  if (direct) return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const f = families.get(name.slice(0, -suffix.length));
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return f;
  }
  return undefined;
}

function parseValue(text: string, line: number): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
    throw new ExpositionError(line, `'${text}' is not a sample value`);
  return Number(text);
}

/** Label pairs `{a="x",b="y"}` from position `at`; returns the labels and where they end. */
function parseLabels(s: string, at: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = at + 1;
  while (s[i] !== '}') {
    const eq = s.indexOf('=', i);
    if (eq < 0) throw new ExpositionError(line, 'a label has no value');
    const name = s.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) throw new ExpositionError(line, `'${name}' is not a label name`);
    if (name in labels) throw new ExpositionError(line, `label '${name}' appears twice`);
    if (s[eq + 1] !== '"') throw new ExpositionError(line, `label '${name}' value is not quoted`);
    let value = '';
    let j = eq + 2;
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] !== '\\') {
        value += s[j];
        continue;
      }
      const e = s[++j];
      if (e === 'n') value += '\n';
      else if (e === '\\' || e === '"') value += e;
      else throw new ExpositionError(line, `label '${name}' has the bad escape \\${e ?? ''}`);
    }
    if (j >= s.length) throw new ExpositionError(line, `label '${name}' value is not closed`);
    labels[name] = value;
    i = j + 1;
    if (s[i] === ',') i++;
    else if (s[i] !== '}') throw new ExpositionError(line, 'labels must be separated by commas');
  }
  return { labels, end: i + 1 };
}

function parseSample(s: string, line: number): Sample {
  const nameEnd = s.search(/[{\s]/);
  if (nameEnd <= 0) throw new ExpositionError(line, 'a sample needs a name and a value');
  const name = s.slice(0, nameEnd);
  if (!METRIC_NAME.test(name)) throw new ExpositionError(line, `'${name}' is not a metric name`);
  let rest = s.slice(nameEnd);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabels(s, nameEnd, line);
    labels = parsed.labels;
    rest = s.slice(parsed.end);
  }
  if (!/^[ \t]/.test(rest)) throw new ExpositionError(line, 'the value must follow the name after a space');
  const parts = rest.trim().split(/[ \t]+/);
  if (parts.length > 2) throw new ExpositionError(line, 'text after the value and timestamp');
  const value = parseValue(parts[0], line);
  if (parts.length === 1) return { name, labels, value };
  if (!/^-?\d+$/.test(parts[1])) throw new ExpositionError(line, `'${parts[1]}' is not a timestamp`);
  return { name, labels, value, timestamp: Number(parts[1]) };
}

function parseComment(s: string, line: number, families: Map<string, MetricFamily>, sampled: Set<string>) {
  const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(s);
  if (!m) return; // any other comment is allowed and ignored
  const [, kind, name, rest = ''] = m;
  if (!METRIC_NAME.test(name)) throw new ExpositionError(line, `'${name}' is not a metric name`);
  const f = families.get(name) ?? { name, type: 'untyped' as const, samples: [] };
  if (kind === 'TYPE') {
    if (!TYPES.has(rest.trim())) throw new ExpositionError(line, `unknown metric type '${rest}'`);
    if (sampled.has(name)) throw new ExpositionError(line, `TYPE of ${name} after its samples`);
    if (families.get(name)?.type !== undefined && families.get(name)?.type !== 'untyped')
      throw new ExpositionError(line, `second TYPE line for ${name}`);
    f.type = rest.trim() as MetricFamily['type'];
  } else {
    if (f.help !== undefined) throw new ExpositionError(line, `second HELP line for ${name}`);
    f.help = rest;
  }
  families.set(name, f);
}

/** Parses an exposition; throws ExpositionError naming the first line a scraper would reject. */
export function parseExposition(text: string): MetricFamily[] {
  if (text.length > 0 && !text.endsWith('\n'))
    throw new ExpositionError(0, 'the text must end with a newline');
  const families = new Map<string, MetricFamily>();
  const sampled = new Set<string>();
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (raw.trim() === '') continue;
    if (raw.startsWith('#')) {
      parseComment(raw, line, families, sampled);
      continue;
    }
    const s = parseSample(raw, line);
    const f = familyOf(s.name, families) ?? { name: s.name, type: 'untyped' as const, samples: [] };
    families.set(f.name, f);
    sampled.add(f.name);
    const key = `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`;
    if (seen.has(key))
      throw new ExpositionError(line, `duplicate sample ${s.name}${JSON.stringify(s.labels)}`);
    seen.add(key);
    if (f.type === 'histogram' && s.name.endsWith('_bucket') && !('le' in s.labels))
      throw new ExpositionError(line, `histogram bucket ${s.name} has no 'le' label`);
    f.samples.push(s);
  }
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return [...families.values()];
}

/** Buckets of each series are cumulative, end at +Inf, and the +Inf bucket equals _count. */
function checkHistogram(f: MetricFamily): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name === `${f.name}_bucket`) entry.buckets.push([parseValue(le, 0), s.value]);
    else if (s.name === `${f.name}_count`) entry.count = s.value;
  }
  for (const [key, { buckets, count }] of series) {
    const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
    const where = `histogram ${f.name}${key === '[]' ? '' : ` ${key}`}`;
    if (sorted.some(([, v], i) => i > 0 && v < sorted[i - 1][1]))
      throw new ExpositionError(0, `${where}: bucket counts are not cumulative`);
    const inf = sorted.at(-1);
    if (!inf || inf[0] !== Number.POSITIVE_INFINITY) throw new ExpositionError(0, `${where}: no +Inf bucket`);
    if (count !== undefined && inf[1] !== count)
      throw new ExpositionError(0, `${where}: +Inf bucket ${inf[1]} differs from _count ${count}`);
  }
}
