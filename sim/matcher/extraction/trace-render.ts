import { PNG } from 'pngjs';
import type { GrayImage } from '../../image/gray-image.ts';
import { encodeGrayPng } from '../../image/png-encode.ts';

/** One file of an extraction trace: a stage's picture (PNG) or data (JSON). */
export interface TraceFile {
  name: string;
  bytes: Buffer;
}

interface Raster {
  width: number;
  height: number;
}

type Point = { x: number; y: number; type?: string; angle?: number };

function gray(r: Raster, data: Uint8Array): Buffer {
  return encodeGrayPng({ width: r.width, height: r.height, data, ppi: 500 });
}

function floatPng(r: Raster, values: Float32Array, lo: number, hi: number): Buffer {
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = (255 * (values[i] - lo)) / (hi - lo);
    data[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
  }
  return gray(r, data);
}

function isRaster(v: unknown): v is Raster & Record<string, unknown> {
  return typeof v === 'object' && v !== null && 'width' in v && 'height' in v;
}

/** Ridges dark as on the sensor, so the trace images read like fingerprints. */
function binaryPng(r: Raster, data: Uint8Array): Buffer {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] ? 0 : 255;
  return gray(r, out);
}

/** Colour overlay of points on a gray background: endings red, bifurcations blue, cores/deltas green. */
function overlay(background: GrayImage, points: Point[]): Buffer {
  const { width, height } = background;
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const v = 128 + (background.data[i] >> 1);
    png.data[4 * i] = png.data[4 * i + 1] = png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  const put = (x: number, y: number, c: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const j = 4 * (Math.round(y) * width + Math.round(x));
    png.data[j] = c[0];
    png.data[j + 1] = c[1];
    png.data[j + 2] = c[2];
  };
  for (const p of points) {
    const c: [number, number, number] =
      p.type === 'ending' ? [220, 0, 0] : p.type === 'bifurcation' ? [0, 0, 230] : [0, 170, 0];
    for (let d = -3; d <= 3; d++) {
      put(p.x + d, p.y - 3, c);
      put(p.x + d, p.y + 3, c);
      put(p.x - 3, p.y + d, c);
      put(p.x + 3, p.y + d, c);
    }
    if (p.angle !== undefined) {
      for (let t = 3; t <= 12; t++) put(p.x + t * Math.cos(p.angle), p.y - t * Math.sin(p.angle), c);
    }
  }
  return PNG.sync.write(png);
}

/**
 * Turns the values `extract()` passes to its trace hook into files: images and maps as PNG,
 * minutiae and singular points as JSON plus an overlay PNG on the resampled image.
 */
export class TraceRenderer {
  private background: GrayImage | null = null;
  private count = 0;

  render(stage: string, value: unknown): TraceFile[] {
    const name = `${String(++this.count).padStart(2, '0')}-${stage}`;
    if (Array.isArray(value)) {
      const files: TraceFile[] = [
        { name: `${name}.json`, bytes: Buffer.from(`${JSON.stringify(value, null, 1)}\n`) },
      ];
      if (this.background)
        files.push({ name: `${name}.png`, bytes: overlay(this.background, value as Point[]) });
      return files;
    }
    const periodMap = value as { period?: unknown; blocksX?: number; blocksY?: number };
    if (periodMap.period instanceof Float32Array) {
      const grid = { width: periodMap.blocksX as number, height: periodMap.blocksY as number };
      return [{ name: `${name}.png`, bytes: floatPng(grid, periodMap.period, 4, 16) }];
    }
    if (!isRaster(value)) return [{ name: `${name}.json`, bytes: Buffer.from(`${JSON.stringify(value)}\n`) }];
    const v = value as Raster & Record<string, unknown>;
    if ('ppi' in v && v.data instanceof Uint8Array) {
      this.background = v as unknown as GrayImage;
      return [{ name: `${name}.png`, bytes: encodeGrayPng(this.background) }];
    }
    if (v.angle instanceof Float32Array && v.coherence instanceof Float32Array) {
      return [
        { name: `${name}-orientation.png`, bytes: floatPng(v, v.angle, 0, Math.PI) },
        { name: `${name}-coherence.png`, bytes: floatPng(v, v.coherence, 0, 1) },
      ];
    }
    if (v.values instanceof Float32Array)
      return [{ name: `${name}.png`, bytes: floatPng(v, v.values, -2, 2) }];
    if (v.data instanceof Uint8Array) {
      if ('contrast' in v)
        return [{ name: `${name}.png`, bytes: floatPng(v, Float32Array.from(v.data), 0, 1) }];
      return [{ name: `${name}.png`, bytes: binaryPng(v, v.data) }];
    }
    return [{ name: `${name}.json`, bytes: Buffer.from(`${JSON.stringify(value)}\n`) }];
  }
}
