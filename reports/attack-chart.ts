import { escapeXml, fmt, frame, plotX, plotY } from '../harness/biometrics/svg-plot.ts';
import type { AttackFigure } from './certification-report.ts';

/** Horizontal bars, one per attack: its measured success rate on a 0–100 % axis; unmeasured in gray. */
export function attackSuccessSvg(attacks: readonly AttackFigure[]): string {
  const n = Math.max(1, attacks.length);
  const band = 1 / n;
  const bars = attacks
    .map((a, i) => {
      const top = 1 - i * band;
      const y0 = plotY(top - band * 0.15);
      const y1 = plotY(top - band * 0.85);
      const rate = a.successRate ?? 0;
      const colour = a.successRate === null ? '#999' : rate > 0 ? '#d62728' : '#2ca02c';
      const width = Math.max(1, plotX(rate) - plotX(0));
      const label = `${a.attack} (${a.requirement}) ${a.successRate === null ? 'not measured' : `${fmt(rate * 100)} % of ${a.trials}`}`;
      return (
        `<rect x="${fmt(plotX(0))}" y="${fmt(y0)}" width="${fmt(width)}" height="${fmt(y1 - y0)}" fill="${colour}"/>` +
        `<text x="${fmt(plotX(0) + 4)}" y="${fmt((y0 + y1) / 2 + 4)}">${escapeXml(label)}</text>`
      );
    })
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((v) => ({ at: v, label: `${v * 100}%` }));
  return frame('Attack success rates', 'success rate', 'attack', ticks, [], bars, []);
}
