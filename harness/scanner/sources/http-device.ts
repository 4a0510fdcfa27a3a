import { decodeImage } from '../../../sim/image/decode-image.ts';
import { ATTACK_SPECIES } from '../../../sim/scanner/types.ts';
import {
  type ConformanceCapture,
  type ConformanceDevice,
  type DeviceIdentity,
  DeviceUnavailableError,
} from '../device.ts';
import { describePng } from '../png-header.ts';
import type { TestTarget } from '../target-catalogue.ts';
import { panelFinger } from './panel.ts';
import { isoRoundTrip } from './virtual-device.ts';

interface DeviceInfo {
  name: string;
  nominalPpi: number;
  captureAreaMm?: { width: number; height: number };
  technology?: string;
  form?: string;
}

/**
 * A device behind the dactylo device API (harness/contract/scanner-device.openapi.json): a real
 * scanner's adapter or `dactylo scanner serve`. Every request has a deadline; a device that misses
 * it is unavailable for the rest of the run, so that a dead device costs one timeout, not forty.
 */
export class HttpDevice implements ConformanceDevice {
  private dead: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly timeoutMs: number,
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    if (this.dead) throw new DeviceUnavailableError(this.dead);
    try {
      return await fetch(new URL(path, this.baseUrl), {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error;
      this.dead =
        err.name === 'TimeoutError' || err.name === 'AbortError'
          ? `${this.baseUrl} did not answer within ${this.timeoutMs} ms`
          : `${this.baseUrl} unreachable: ${(err.cause as Error | undefined)?.message ?? err.message}`;
      throw new DeviceUnavailableError(this.dead);
    }
  }

  async identity(): Promise<DeviceIdentity> {
    const r = await this.request('/v1/device');
    if (!r.ok) throw new DeviceUnavailableError(`GET /v1/device answered ${r.status}`);
    const info = (await r.json()) as DeviceInfo;
    return {
      source: 'device',
      name: info.name,
      ppi: info.nominalPpi,
      widthMm: info.captureAreaMm?.width,
      heightMm: info.captureAreaMm?.height,
      description: [info.technology, info.form, this.baseUrl].filter(Boolean).join(', '),
    };
  }

  private async capture(source: object, sequence?: number): Promise<ConformanceCapture> {
    const r = await this.request('/v1/captures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source, format: 'png', ...(sequence !== undefined ? { sequence } : {}) }),
    });
    const latency = Number(r.headers.get('x-capture-latency-ms'));
    const score = Number(r.headers.get('x-pad-score'));
    const decision = r.headers.get('x-pad-decision');
    const meta: Pick<ConformanceCapture, 'latencyMs' | 'pad'> = {};
    if (r.headers.has('x-capture-latency-ms') && Number.isFinite(latency)) meta.latencyMs = latency;
    if (decision === 'bona-fide' || decision === 'attack')
      meta.pad = { score: Number.isFinite(score) ? score : 0, decision };
    if (r.status === 422) {
      const body = (await r.json().catch(() => ({}))) as { message?: string };
      return { image: null, acquired: false, failureReason: body.message ?? 'failure to acquire', ...meta };
    }
    if (!r.ok) {
      const body = (await r.json().catch(() => ({}))) as { code?: string; message?: string };
      return {
        image: null,
        acquired: false,
        problem: `device answered ${r.status} ${body.code ?? ''} ${body.message ?? ''}`.trim(),
        ...meta,
      };
    }
    const png = new Uint8Array(await r.arrayBuffer());
    const h = describePng(png);
    if (typeof h === 'string') return { image: null, png, acquired: true, problem: h, ...meta };
    if (h.bitDepth !== 8 || h.colorType !== 0)
      return {
        image: null,
        png,
        acquired: true,
        problem: `device sent a ${h.bitDepth}-bit ${h.colorName} PNG`,
        ...meta,
      };
    if (h.ppi === null)
      return {
        image: null,
        png,
        acquired: true,
        problem: 'device sent a PNG without resolution (pHYs)',
        ...meta,
      };
    return { image: decodeImage(png), png, acquired: true, ...meta };
  }

  captureTarget(target: TestTarget, sequence: number): Promise<ConformanceCapture> {
    return this.capture({ kind: 'target', id: target.id }, sequence);
  }

  captureFinger(index: number): Promise<ConformanceCapture> {
    return this.capture({ kind: 'finger', finger: panelFinger(index) });
  }

  capturePresentation(species: string, index: number): Promise<ConformanceCapture> {
    return this.capture({ kind: 'attack', species, finger: panelFinger(index) });
  }

  padSpecies(): readonly string[] {
    return ATTACK_SPECIES;
  }

  iso19794RoundTrip(image: Parameters<typeof isoRoundTrip>[0]): string | null {
    return isoRoundTrip(image);
  }
}
