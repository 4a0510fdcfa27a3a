/** Test-only: one-to-one pairing of found minutiae with ground truth within a distance and an angle. */
export interface Located {
  x: number;
  y: number;
  angle: number;
}

function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

/** Greedy by distance; precision = paired / found, recall = paired / truth. */
export function pairMinutiae(truth: Located[], found: Located[], maxDistance: number, maxAngle: number) {
  const candidates: [number, number, number][] = [];
  truth.forEach((t, i) => {
    found.forEach((f, j) => {
      const d = Math.hypot(t.x - f.x, t.y - f.y);
      if (d <= maxDistance && angleBetween(t.angle, f.angle) <= maxAngle) candidates.push([d, i, j]);
    });
  });
  candidates.sort((p, q) => p[0] - q[0]);
  const usedT = new Set<number>();
  const usedF = new Set<number>();
  for (const [, i, j] of candidates) {
    if (usedT.has(i) || usedF.has(j)) continue;
    usedT.add(i);
    usedF.add(j);
  }
  const paired = usedT.size;
  return {
    paired,
    precision: found.length ? paired / found.length : 0,
    recall: truth.length ? paired / truth.length : 0,
  };
}
