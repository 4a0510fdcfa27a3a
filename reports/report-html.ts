import { detSvg } from '../harness/biometrics/det-curve.ts';
import { histogramSvg } from '../harness/biometrics/score-histogram.ts';
import { escapeXml } from '../harness/biometrics/svg-plot.ts';
import { FAMILIES, FAMILY_TITLES } from '../harness/requirements/requirement.ts';
import { attackSuccessSvg } from './attack-chart.ts';
import type { CertificationReport, ReportEvidence, RequirementResult } from './certification-report.ts';

const COLOURS = { pass: '#1a7f37', fail: '#cf222e', 'not-evaluated': '#9a6700' } as const;

function badge(v: keyof typeof COLOURS): string {
  return `<span class="v" style="background:${COLOURS[v]}">${v}</span>`;
}

function measurements(e: ReportEvidence): string {
  const m = Object.entries(e.measurements ?? {});
  if (m.length === 0) return '';
  const items = m.map(([k, v]) => {
    const ratio = v.trials !== undefined ? ` (${v.errors ?? 0}/${v.trials})` : '';
    return `<code>${escapeXml(k)}</code> = ${v.value === null ? 'n/a' : escapeXml(String(v.value))}${v.unit ? ` ${escapeXml(v.unit)}` : ''}${ratio}`;
  });
  return `<br>${items.join('; ')}`;
}

function evidenceList(r: RequirementResult): string {
  if (r.evidence.length === 0) return '<em>no evidence</em>';
  const items = r.evidence.map(
    (e) =>
      `<li><code>${escapeXml(e.test)}</code> ${escapeXml(e.outcome)}: ${escapeXml(e.summary)}` +
      `${e.reason ? ` — ${escapeXml(e.reason)}` : ''}${measurements(e)}</li>`,
  );
  return `<details><summary>${r.evidence.length} test${r.evidence.length > 1 ? 's' : ''}</summary><ul>${items.join('')}</ul></details>`;
}

function requirementRows(report: CertificationReport): string {
  return FAMILIES.map((f) => {
    const rows = report.requirements.filter((r) => r.family === f);
    if (rows.length === 0) return '';
    const body = rows
      .map(
        (r) =>
          `<tr id="${r.id}"><td><code>${r.id}</code></td><td>${escapeXml(r.title)}</td><td>${r.severity}</td>` +
          `<td>${badge(r.verdict)}</td><td>${escapeXml(r.reason)}${evidenceList(r)}</td></tr>`,
      )
      .join('');
    return `<tr class="family"><th colspan="5">${f} — ${escapeXml(FAMILY_TITLES[f])}</th></tr>${body}`;
  }).join('');
}

function figures(report: CertificationReport): string {
  const f = report.figures;
  const parts = [
    f.det.length > 0
      ? `<figure>${detSvg(f.det)}<figcaption>DET at the target's API</figcaption></figure>`
      : '',
    f.scoreHistogram
      ? `<figure>${histogramSvg(f.scoreHistogram)}<figcaption>Score distributions</figcaption></figure>`
      : '',
    // A target that answers decisions only gives no scores to plot: say so rather than leave a gap.
    f.det.length === 0 && !f.scoreHistogram
      ? '<p>No DET curve or score distributions: the target answered decisions only (no comparison scores), so FMR, FNMR, FPIR and FNIR were measured at its operating threshold (BIO requirements above).</p>'
      : '',
    f.attacks.length > 0
      ? `<figure>${attackSuccessSvg(f.attacks)}<figcaption>Leakage and security attacks</figcaption></figure>`
      : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `<h2>Figures</h2>${parts.join('\n')}` : '';
}

/**
 * One self-contained page (no scripts, no external resources): summary, the requirement table with
 * its evidence, inline SVG plots. Built from report.json alone, so it can be rebuilt from a signed report.
 */
export function certificationHtml(report: CertificationReport): string {
  const s = report.summary;
  const t = report.target;
  const signed = report.signature
    ? `Signed with Ed25519, key <code>${escapeXml(report.signature.keyId)}</code>; check with <code>dactylo report verify report.json --public-key KEY</code>.`
    : 'Not signed.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dactylo certification — ${escapeXml(t.name)}: ${report.verdict}</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}tr.family th{background:#f3f3f3}
.v{color:#fff;padding:1px 6px;border-radius:3px;font-size:90%;white-space:nowrap}.big{font-size:150%}
figure{display:inline-block;margin:0 1em 1em 0}details{margin-top:4px}code{font-size:92%}</style></head>
<body><h1>Certification report: ${escapeXml(t.name)}</h1>
<p class="big">Overall verdict ${badge(report.verdict)} — ${s.pass} pass, ${s.fail} fail, ${s.notEvaluated} not evaluated of ${s.total} requirements.</p>
<p>Target <b>${escapeXml(t.kind)}</b> ${escapeXml(t.name)}${t.version ? ` ${escapeXml(t.version)}` : ''}${t.baseUrl ? ` at <code>${escapeXml(t.baseUrl)}</code>` : ''}${t.configDigest ? `, config <code>${t.configDigest}</code>` : ''}.
dactylo ${escapeXml(report.dactyloVersion)}, contract ${escapeXml(report.contractVersion)}, seed <code>${escapeXml(report.seed)}</code>${report.options.quick ? ', quick run' : ''}${report.options.population ? `, population ${report.options.population}` : ''}${report.options.flaw ? `, planted flaw <b>${escapeXml(report.options.flaw)}</b>` : ''}.
Run ${escapeXml(report.timings.startedAt)} – ${escapeXml(report.timings.finishedAt)} (${(report.timings.durationMs / 1000).toFixed(1)} s). ${signed}</p>
<table><tr><th>ID</th><th>requirement</th><th>severity</th><th>verdict</th><th>why, and evidence</th></tr>${requirementRows(report)}</table>
${figures(report)}
</body></html>
`;
}
