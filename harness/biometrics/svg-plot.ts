/** The frame shared by dactylo's report charts: a plot area, axes with ticks, a legend; plain SVG text. */
export const PLOT = { width: 480, height: 360, left: 60, right: 20, top: 20, bottom: 50 };

export interface Series {
  label: string;
  colour: string;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function plotX(fraction: number): number {
  return PLOT.left + fraction * (PLOT.width - PLOT.left - PLOT.right);
}

export function plotY(fraction: number): number {
  return PLOT.height - PLOT.bottom - fraction * (PLOT.height - PLOT.top - PLOT.bottom);
}

export function fmt(v: number): string {
  return Number(v.toFixed(2)).toString();
}

export function frame(
  title: string,
  xLabel: string,
  yLabel: string,
  xTicks: { at: number; label: string }[],
  yTicks: { at: number; label: string }[],
  body: string,
  legend: Series[],
): string {
  const ticks = [
    ...xTicks.map(
      (t) =>
        `<line x1="${fmt(plotX(t.at))}" y1="${fmt(plotY(0))}" x2="${fmt(plotX(t.at))}" y2="${fmt(plotY(1))}" stroke="#ddd"/>` +
        `<text x="${fmt(plotX(t.at))}" y="${fmt(plotY(0) + 16)}" text-anchor="middle">${escapeXml(t.label)}</text>`,
    ),
    ...yTicks.map(
      (t) =>
        `<line x1="${fmt(plotX(0))}" y1="${fmt(plotY(t.at))}" x2="${fmt(plotX(1))}" y2="${fmt(plotY(t.at))}" stroke="#ddd"/>` +
        `<text x="${fmt(plotX(0) - 6)}" y="${fmt(plotY(t.at) + 4)}" text-anchor="end">${escapeXml(t.label)}</text>`,
    ),
  ].join('');
  const keys = legend
    .map(
      (s, i) =>
        `<rect x="${fmt(plotX(1) - 130)}" y="${PLOT.top + 8 + i * 16}" width="10" height="10" fill="${s.colour}"/>` +
        `<text x="${fmt(plotX(1) - 115)}" y="${PLOT.top + 17 + i * 16}">${escapeXml(s.label)}</text>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PLOT.width} ${PLOT.height}" width="${PLOT.width}" height="${PLOT.height}" font-family="sans-serif" font-size="11">` +
    `<title>${escapeXml(title)}</title>${ticks}` +
    `<rect x="${fmt(plotX(0))}" y="${fmt(plotY(1))}" width="${fmt(plotX(1) - plotX(0))}" height="${fmt(plotY(0) - plotY(1))}" fill="none" stroke="#333"/>` +
    body +
    `<text x="${fmt(plotX(0.5))}" y="${PLOT.height - 12}" text-anchor="middle">${escapeXml(xLabel)}</text>` +
    `<text transform="translate(14 ${fmt(plotY(0.5))}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>` +
    keys +
    '</svg>'
  );
}
