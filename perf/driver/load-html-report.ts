import { escapeXml } from '../../harness/biometrics/svg-plot.ts';
import { lineChart } from './line-chart.ts';
import type { LoadSummary, SecondFigures } from './load-summary.ts';

const STYLE =
  'body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse}' +
  'td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:1em}' +
  '.met{color:#070}.missed{color:#b00}';

function row(cells: (string | number)[], th = false): string {
  const tag = th ? 'th' : 'td';
  return `<tr>${cells.map((c) => `<${tag}>${escapeXml(String(c))}</${tag}>`).join('')}</tr>`;
}

/** One self-contained page (inline SVG, no scripts): summary table, latency and throughput over time. */
export function loadHtmlReport(s: LoadSummary, series: SecondFigures[]): string {
  const xMax = Math.max(1, series.length);
  const latency = lineChart(
    'Latency from intended send time',
    'second of the run (by intended send time)',
    'latency (ms)',
    [
      { label: 'p50', colour: '#1f77b4', points: series.map((r) => [r.t, r.p50Ms]) },
      { label: 'p99', colour: '#d62728', points: series.map((r) => [r.t, r.p99Ms]) },
    ],
    xMax,
  );
  const throughput = lineChart(
    'Throughput',
    'second of the run',
    'requests per second',
    [
      { label: 'scheduled', colour: '#7f7f7f', points: series.map((r) => [r.t, r.sent]) },
      { label: 'responses', colour: '#2ca02c', points: series.map((r) => [r.t, r.completed]) },
      { label: 'errors', colour: '#d62728', points: series.map((r) => [r.t, r.errors]) },
    ],
    xMax,
  );
  const l = s.latencyMs;
  const ops = Object.entries(s.operations).map(([id, o]) =>
    row([id, o.scheduled, o.ok, o.errors, o.latencyMs.p50, o.latencyMs.p99, o.latencyMs.max]),
  );
  const errors = Object.entries(s.errors).map(([code, n]) => row([code, n]));
  const verdict = s.objectives.met
    ? `<p class="met">Objectives met: p99 ≤ ${s.objectives.p99Ms} ms and error rate ≤ ${s.objectives.errorRate}.</p>`
    : `<p class="missed">Objectives missed: p99 ≤ ${s.objectives.p99Ms} ms and error rate ≤ ${s.objectives.errorRate} required.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dactylo load: ${escapeXml(s.profile)}</title><style>${STYLE}</style></head><body>
<h1>Load run: ${escapeXml(s.profile)}</h1>
<p>Target ${escapeXml(s.target)}, started ${escapeXml(s.startedAt)}, ${s.durationS} s, ${s.workers} worker process(es), client ${escapeXml(s.client)}, rate scale ${s.rateScale}${s.timeScale ? `, time scale ${s.timeScale.toFixed(1)} simulated s per s` : ''}. Seed ${escapeXml(s.seed)}, dactylo ${escapeXml(s.version)}.</p>
${verdict}
<table>${row(['offered /s', 'throughput /s', 'scheduled', 'sent', 'ok', 'dropped', 'late', 'abandoned', 'error rate'], true)}${row([s.offeredRate, s.throughput, s.scheduled, s.sent, s.ok, s.dropped, s.late, s.abandoned, s.errorRate])}</table>
<h2>Latency (ms, from intended send time)</h2>
<table>${row(['p50', 'p90', 'p99', 'p99.9', 'max', 'mean'], true)}${row([l.p50, l.p90, l.p99, l.p999, l.max, l.mean])}</table>
<div class="charts">${latency}${throughput}</div>
<h2>Operations</h2>
<table>${row(['operation', 'scheduled', 'ok', 'errors', 'p50 ms', 'p99 ms', 'max ms'], true)}${ops.join('')}</table>
<h2>Errors</h2>
${errors.length ? `<table>${row(['code', 'count'], true)}${errors.join('')}</table>` : '<p>None.</p>'}
</body></html>
`;
}

/** The capacity curve: latency and throughput against offered rate, the found rate marked in the table. */
export function capacityHtmlReport(c: {
  profile: string;
  target: string;
  rate: number | null;
  objectives: { p99Ms: number; errorRate: number };
  steps: { offeredRate: number; throughput: number; p99Ms: number; errorRate: number; met: boolean }[];
}): string {
  const sorted = [...c.steps].sort((a, b) => a.offeredRate - b.offeredRate);
  const xMax = Math.max(1, ...sorted.map((s) => s.offeredRate));
  const p99 = lineChart(
    'p99 latency against offered rate',
    'offered rate (requests/s)',
    'p99 latency (ms)',
    [
      { label: 'p99', colour: '#d62728', points: sorted.map((s) => [s.offeredRate, s.p99Ms]) },
      {
        label: 'objective',
        colour: '#7f7f7f',
        points: [
          [0, c.objectives.p99Ms],
          [xMax, c.objectives.p99Ms],
        ],
      },
    ],
    xMax,
  );
  const tput = lineChart(
    'Throughput against offered rate',
    'offered rate (requests/s)',
    'responses per second',
    [
      { label: 'throughput', colour: '#2ca02c', points: sorted.map((s) => [s.offeredRate, s.throughput]) },
      {
        label: 'offered',
        colour: '#7f7f7f',
        points: [
          [0, 0],
          [xMax, xMax],
        ],
      },
    ],
    xMax,
  );
  const rows = c.steps.map((s, i) =>
    row([i + 1, s.offeredRate, s.throughput, s.p99Ms, s.errorRate, s.met ? 'yes' : 'no']),
  );
  const found =
    c.rate === null
      ? '<p class="missed">No rate tried met the objectives.</p>'
      : `<p class="met">Highest rate meeting p99 ≤ ${c.objectives.p99Ms} ms and error rate ≤ ${c.objectives.errorRate}: <b>${c.rate} requests/s</b>.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dactylo capacity: ${escapeXml(c.profile)}</title><style>${STYLE}</style></head><body>
<h1>Capacity: ${escapeXml(c.profile)}</h1>
<p>Target ${escapeXml(c.target)}.</p>
${found}
<div class="charts">${p99}${tput}</div>
<h2>Steps, in the order run</h2>
<table>${row(['step', 'offered /s', 'throughput /s', 'p99 ms', 'error rate', 'met'], true)}${rows.join('')}</table>
</body></html>
`;
}
