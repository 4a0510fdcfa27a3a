import { describe, expect, it } from 'vitest';
import { growContinuousPhase, phaseAt } from './continuous-phase.ts';
import type { BlockOrientation } from './orientation-from-minutiae.ts';

function field(cols: number, rows: number, theta: (c: number, r: number) => number): BlockOrientation {
  const t = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[r * cols + c] = theta(c, r);
  return { block: 8, cols, rows, theta: t };
}

const wrap = (a: number) => a - 2 * Math.PI * Math.round(a / (2 * Math.PI));

describe('growContinuousPhase', () => {
  it('grows a plane wave of the period across parallel ridges', () => {
    const f = field(20, 20, () => 0);
    const p = growContinuousPhase(f, new Uint8Array(400).fill(1), 9, { c: 10, r: 10 });
    expect(p.assigned.every((a) => a === 1)).toBe(true);
    const base = phaseAt(p, 30, 30).psi;
    // Along the ridges (x) the phase stays; across them (y) it advances 2π per period.
    expect(Math.abs(wrap(phaseAt(p, 130, 30).psi - base))).toBeLessThan(1e-3);
    expect(Math.abs(wrap(phaseAt(p, 30, 34.5).psi - base - Math.PI))).toBeLessThan(1e-3);
    expect(Math.abs(wrap(phaseAt(p, 30, 129).psi - base))).toBeLessThan(1e-3);
  });

  it('keeps the local period where the ridges bend, and stays within the mask', () => {
    // Ridges turning by 60° across the canvas, no singular point: an integrable flow.
    const f = field(24, 24, (c) => (c / 23) * (Math.PI / 3));
    const inside = new Uint8Array(24 * 24);
    for (let r = 0; r < 24; r++) for (let c = 0; c < 20; c++) inside[r * 24 + c] = 1;
    const p = growContinuousPhase(f, inside, 9, { c: 10, r: 12 });
    expect(p.assigned[12 * 24 + 22]).toBe(0);
    const rates: number[] = [];
    for (let y = 40; y < 150; y += 10)
      for (let x = 20; x < 140; x += 10) {
        const { psi, nx, ny } = phaseAt(p, x, y);
        const ahead = phaseAt(p, x + nx, y + ny).psi;
        rates.push(Math.abs(wrap(ahead - psi)));
      }
    rates.sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    expect(median).toBeGreaterThan(((2 * Math.PI) / 9) * 0.9);
    expect(median).toBeLessThan(((2 * Math.PI) / 9) * 1.1);
  });

  it('has no phase outside the grown area', () => {
    const f = field(10, 10, () => 0);
    const inside = new Uint8Array(100);
    inside[55] = 1;
    const p = growContinuousPhase(f, inside, 9, { c: 5, r: 5 });
    expect(Number.isNaN(phaseAt(p, 8, 8).psi)).toBe(true);
    expect(Number.isNaN(phaseAt(p, 44, 44).psi)).toBe(false);
  });
});
