import { detSvg } from './det-curve.ts';
import type { EvaluationReport } from './evaluation.ts';
import { histogramSvg } from './score-histogram.ts';
import { escapeXml } from './svg-plot.ts';

/** A self-contained HTML page of an evaluation: FVC figures with CIs, DET curve and histograms inline. */
function percent(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(2)} %`;
}

function row(name: string, value: number, ci?: { low: number; high: number }): string {
  const interval = ci ? `${percent(ci.low)} – ${percent(ci.high)}` : '';
  return `<tr><th>${escapeXml(name)}</th><td>${percent(value)}</td><td>${interval}</td></tr>`;
}

export function htmlReport(r: EvaluationReport): string {
  const ci = r.confidenceIntervals;
  const figures = [
    row('EER', r.eer, ci?.eer),
    row('FMR100', r.fmr100, ci?.fmr100),
    row('FMR1000', r.fmr1000, ci?.fmr1000),
    row('ZeroFMR', r.zeroFmr, ci?.zeroFmr),
    row('FTE', r.fte, ci?.fte),
    row('FTA', r.fta),
  ].join('');
  const atFmr = r.fnmrAtFmr
    .map(
      (p) => `<tr><td>${percent(p.fmr)}</td><td>${percent(p.fnmr)}</td><td>${p.threshold ?? '—'}</td></tr>`,
    )
    .join('');
  const failures = r.enrolFailures
    .map((f) => `<li>${escapeXml(f.image)}: ${escapeXml(f.reason)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dactylo evaluation — ${escapeXml(r.database.dir)}</title>
<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}figure{display:inline-block;margin:0 1em 1em 0}</style></head>
<body><h1>Verification evaluation</h1>
<p>Database <code>${escapeXml(r.database.dir)}</code> (${r.database.fingers} fingers, ${r.database.images} images),
protocol <b>${escapeXml(r.protocol)}</b>, matcher <b>${escapeXml(r.matcher)}</b>.
${r.counts.genuine} genuine and ${r.counts.impostor} impostor comparisons; dactylo ${escapeXml(r.version)}, seed ${escapeXml(r.seed)}.</p>
<table><tr><th>figure</th><th>value</th><th>${ci ? `${ci.confidence * 100} % CI (bootstrap over fingers, ${ci.replicates} replicates)` : 'CI'}</th></tr>${figures}</table>
<table><tr><th>FMR ≤</th><th>FNMR</th><th>threshold</th></tr>${atFmr}</table>
<p>Mean extraction ${r.timing.meanExtractionMs.toFixed(1)} ms, mean preparation ${r.timing.meanPrepareMs.toFixed(2)} ms, mean comparison ${r.timing.meanComparisonMs.toFixed(3)} ms.</p>
<figure>${detSvg([r.det])}<figcaption>DET curve</figcaption></figure>
<figure>${histogramSvg(r.histogram)}<figcaption>Score distributions</figcaption></figure>
${failures ? `<h2>Failures to enrol</h2><ul>${failures}</ul>` : ''}
</body></html>
`;
}
