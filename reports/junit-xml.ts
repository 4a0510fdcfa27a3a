import { escapeXml } from '../harness/biometrics/svg-plot.ts';
import { FAMILIES, FAMILY_TITLES } from '../harness/requirements/requirement.ts';
import type { CertificationReport } from './certification-report.ts';

function attr(s: string): string {
  return escapeXml(s).replace(/\n/g, '&#10;');
}

/**
 * JUnit XML for CI systems: one testsuite per family, one testcase per requirement; a fail is a
 * <failure>, a not-evaluated a <skipped> with its reason (CI shows it; it never counts as a pass).
 */
export function junitXml(report: CertificationReport): string {
  const seconds = new Map(report.timings.tests.map((t) => [t.test, t.durationMs / 1000]));
  const suites = FAMILIES.map((f) => {
    const rows = report.requirements.filter((r) => r.family === f);
    if (rows.length === 0) return '';
    const cases = rows.map((r) => {
      const time = r.evidence.reduce((s, e) => s + (seconds.get(e.test) ?? 0), 0);
      const head = `    <testcase classname="dactylo.${f}" name="${attr(`${r.id} ${r.title}`)}" time="${time.toFixed(3)}"`;
      if (r.verdict === 'pass') return `${head}/>`;
      const tag = r.verdict === 'fail' ? 'failure' : 'skipped';
      return `${head}>\n      <${tag} message="${attr(r.reason)}"/>\n    </testcase>`;
    });
    const failures = rows.filter((r) => r.verdict === 'fail').length;
    const skipped = rows.filter((r) => r.verdict === 'not-evaluated').length;
    return `  <testsuite name="${attr(`${f} ${FAMILY_TITLES[f]}`)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  }).filter((s) => s !== '');
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="dactylo certification of ${attr(report.target.name)}" tests="${s.total}" failures="${s.fail}" errors="0" skipped="${s.notEvaluated}">\n${suites.join('\n')}\n</testsuites>\n`;
}
