import { escapeXml, fmt, frame, plotX, plotY } from '../biometrics/svg-plot.ts';
import type { CheckResult } from './check.ts';
import type { ConformanceReport } from './conformance.ts';
import { POLICY } from './spec-limits.ts';

const COLOURS = { x: '#1f77b4', y: '#ff7f0e', limit: '#d62728', bar: '#2ca02c' };

interface CurveDetails {
  quantity: string;
  curves: { axis: 'x' | 'y'; points: { frequency: number; modulation: number }[] }[];
  table: { frequency: number; min: number; max: number }[];
}

/** Measured MTF/CTF in both directions against the spec's minimum and maximum. */
export function modulationSvg(d: CurveDetails): string {
  const fMax = Math.max(
    ...d.curves.flatMap((c) => c.points.map((p) => p.frequency)),
    ...d.table.map((t) => t.frequency),
  );
  const yMax = 1.5;
  const px = (f: number) => plotX(f / fMax);
  const py = (m: number) => plotY(Math.max(0, Math.min(yMax, m)) / yMax);
  const line = (pts: [number, number][], colour: string, dash = '') =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${pts.map(([f, m]) => `${fmt(px(f))},${fmt(py(m))}`).join(' ')}"/>`;
  const body = [
    line(
      d.table.map((t) => [t.frequency, t.min]),
      COLOURS.limit,
      '6 4',
    ),
    line(
      d.table.map((t) => [t.frequency, t.max]),
      COLOURS.limit,
      '2 3',
    ),
    ...d.curves.map((c) =>
      line(
        c.points.map((p) => [p.frequency, p.modulation]),
        COLOURS[c.axis],
      ),
    ),
  ].join('');
  const xTicks = Array.from({ length: 5 }, (_, i) => ({ at: i / 4, label: fmt((fMax * i) / 4) }));
  const yTicks = [0, 0.5, 1, 1.5].map((v) => ({ at: v / yMax, label: fmt(v) }));
  return frame(`${d.quantity} against the spec limits`, 'cycles/mm', d.quantity, xTicks, yTicks, body, [
    { label: `${d.quantity} across (x)`, colour: COLOURS.x },
    { label: `${d.quantity} along (y)`, colour: COLOURS.y },
    { label: 'spec min / max', colour: COLOURS.limit },
  ]);
}

/** Histogram of DFQ scores over the panel, in bins of 10. */
export function qualitySvg(scores: number[], minScore: number): string {
  const bins = new Array(10).fill(0);
  for (const s of scores) bins[Math.min(9, Math.floor(s / 10))]++;
  const top = Math.max(1, ...bins);
  const body =
    bins
      .map((n, i) => {
        const x0 = plotX(i / 10) + 2;
        const x1 = plotX((i + 1) / 10) - 2;
        return `<rect x="${fmt(x0)}" y="${fmt(plotY(n / top))}" width="${fmt(x1 - x0)}" height="${fmt(plotY(0) - plotY(n / top))}" fill="${COLOURS.bar}"/>`;
      })
      .join('') +
    `<line x1="${fmt(plotX(minScore / 100))}" y1="${fmt(plotY(0))}" x2="${fmt(plotX(minScore / 100))}" y2="${fmt(plotY(1))}" stroke="${COLOURS.limit}" stroke-dasharray="6 4" stroke-width="2"/>`;
  const xTicks = [0, 20, 40, 60, 80, 100].map((v) => ({ at: v / 100, label: String(v) }));
  const yTicks = [0, 0.5, 1].map((v) => ({ at: v, label: String(Math.round(v * top)) }));
  return frame(
    'dactylo finger quality (DFQ) over the panel',
    'DFQ (0–100)',
    'captures',
    xTicks,
    yTicks,
    body,
    [
      { label: 'captures', colour: COLOURS.bar },
      { label: 'policy minimum', colour: COLOURS.limit },
    ],
  );
}

const VERDICT_STYLE: Record<string, string> = { pass: '#e6f4ea', fail: '#fce8e6', 'not-measured': '#fff4e5' };

function row(c: CheckResult): string {
  const value = c.value === null ? '—' : `${c.value} ${escapeXml(c.unit)}`;
  return `<tr style="background:${VERDICT_STYLE[c.verdict]}"><td><code>${escapeXml(c.id)}</code><br>${escapeXml(c.title)}</td><td>${value}</td><td>${escapeXml(c.limit)}</td><td><b>${c.verdict}</b>${c.reason ? `<br>${escapeXml(c.reason)}` : ''}</td><td class="clause">${escapeXml(c.clause)}</td></tr>`;
}

/** A self-contained HTML page of a conformance report: verdicts, clauses, MTF and quality plots inline. */
export function conformanceHtml(r: ConformanceReport): string {
  const mtf = r.checks.find((c) => c.id === 'mtf')?.details as CurveDetails | undefined;
  const dfq = r.checks.find((c) => c.id === 'quality-dfq')?.details as { scores?: number[] } | undefined;
  const figures = [
    mtf?.curves
      ? `<figure>${modulationSvg(mtf)}<figcaption>Measured ${escapeXml(mtf.quantity)} (targets ${mtf.quantity === 'CTF' ? 'bars-x, bars-y' : 'sine-x, sine-y'})</figcaption></figure>`
      : '',
    dfq?.scores
      ? `<figure>${qualitySvg(dfq.scores, POLICY.quality.minScore)}<figcaption>DFQ distribution over ${dfq.scores.length} panel captures</figcaption></figure>`
      : '',
  ].join('');
  const d = r.device;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dactylo scanner conformance — ${escapeXml(d.name)}</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}td.clause{font-size:85%;color:#555}
figure{display:inline-block;margin:0 1em 1em 0}.verdict{font-size:140%;padding:4px 10px;background:${VERDICT_STYLE[r.verdict]}}</style></head>
<body><h1>Scanner conformance: ${escapeXml(d.name)}</h1>
<p class="verdict">Overall verdict: <b>${r.verdict}</b> — ${r.summary.pass} passed, ${r.summary.fail} failed, ${r.summary.notMeasured} not measured</p>
<p>Spec <b>${escapeXml(r.specTitle)}</b> (<code>${r.spec}</code>); device ${escapeXml(d.source)} <code>${escapeXml(d.name)}</code>, ${d.ppi} ppi${d.widthMm ? `, ${d.widthMm} × ${d.heightMm} mm` : ''}${d.description ? ` — ${escapeXml(d.description)}` : ''}.
dactylo ${escapeXml(r.version)}, seed ${escapeXml(r.seed)}. The overall verdict is <i>pass</i> only when every check was measured and passed.</p>
${figures}
<table><tr><th>check</th><th>measured</th><th>limit</th><th>verdict</th><th>clause</th></tr>${r.checks.map(row).join('')}</table>
</body></html>
`;
}
