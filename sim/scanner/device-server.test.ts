import { afterAll, describe, expect, it } from 'vitest';
import { decodePng } from '../image/png-decode.ts';
import { createDeviceServer } from './device-server.ts';
import { decodeFingerImageRecord, viewImage } from './iso19794-4.ts';
import { scannerProfile } from './scanner-profile.ts';
import type { TestTarget } from './types.ts';
import { VirtualScanner } from './virtual-scanner.ts';

const flat: TestTarget = { id: 'flat-white', widthMm: 30, heightMm: 30, reflectance: () => 0.9 };
const scanner = new VirtualScanner(scannerProfile('capacitive-500'));
const app = createDeviceServer(scanner, { targets: [flat], openapi: { openapi: '3.1.0' } });
afterAll(() => app.close());

const finger = { seed: 'server-test', subject: 1, position: 7, impression: 1 };

describe('virtual scanner device API', () => {
  it('describes the device, its status and its targets', async () => {
    const info = (await app.inject({ method: 'GET', url: '/v1/device' })).json();
    expect(info).toMatchObject({
      name: 'capacitive-500',
      kind: 'reference',
      technology: 'capacitive',
      form: 'single-finger',
      nominalPpi: 500,
      widthPx: 256,
      heightPx: 360,
      captureAreaMm: { width: 13, height: 18.3 },
      bitDepth: 8,
      formats: ['png', 'iso19794-4'],
      seed: 'dactylo',
    });
    expect((await app.inject({ method: 'GET', url: '/v1/status' })).json()).toEqual({
      state: 'ready',
      captures: 0,
    });
    expect((await app.inject({ method: 'GET', url: '/v1/targets' })).json()).toEqual({
      targets: [{ id: 'flat-white', widthMm: 30, heightMm: 30 }],
    });
    expect((await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json()).toEqual({
      openapi: '3.1.0',
    });
  });

  it('captures a target as a PNG recording the resolution, the same bytes as the scanner itself', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/captures',
      payload: { source: { kind: 'target', id: 'flat-white' }, sequence: 2 },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['x-capture-acquired']).toBe('true');
    const img = decodePng(r.rawPayload, 0);
    expect([img.width, img.height, Math.round(img.ppi)]).toEqual([256, 360, 500]);
    const direct = scanner.captureTarget(flat, { sequence: 2 }).image;
    expect(Buffer.from(img.data).equals(Buffer.from(direct.data))).toBe(true);
  });

  it('captures a finger as an ISO/IEC 19794-4 record, with latency and PAD in the headers', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/captures',
      payload: { source: { kind: 'finger', finger, conditions: { skin: 'dry' } }, format: 'iso19794-4' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.iso.19794-4');
    const record = decodeFingerImageRecord(r.rawPayload);
    expect(record.views[0].position).toBe(7);
    expect(viewImage(record).width).toBe(256);
    expect(Number(r.headers['x-capture-latency-ms'])).toBeGreaterThan(0);
    expect(['bona-fide', 'attack']).toContain(r.headers['x-pad-decision']);
    expect((await app.inject({ method: 'GET', url: '/v1/status' })).json().captures).toBe(2);
  });

  it('answers a failure to acquire with 422 and the reason', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/v1/captures',
      payload: { source: { kind: 'attack', species: 'printed', finger } },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({
      code: 'failure-to-acquire',
      message: expect.stringMatching(/does not couple/),
    });
    expect(r.headers['x-pad-decision']).toBe('attack');
  });

  it('rejects bad requests with a machine-readable code naming the field', async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [
        { source: { kind: 'target', id: 'sine-x' } },
        404,
        'unknown-target',
        /no target 'sine-x' \(known: flat-white\)/,
      ],
      [
        { source: { kind: 'finger', finger: { ...finger, position: 11 } } },
        400,
        'bad-request',
        /source\.finger\.position/,
      ],
      [
        { source: { kind: 'attack', species: 'clay', finger } },
        400,
        'bad-request',
        /source\.species must be one of gelatine/,
      ],
      [
        { source: { kind: 'finger', finger }, format: 'wsq' },
        400,
        'bad-request',
        /format must be "png" or "iso19794-4"/,
      ],
      [
        { source: { kind: 'finger', finger, conditions: { skin: 'oily' } } },
        400,
        'bad-request',
        /conditions\.skin/,
      ],
      [{ source: { kind: 'face' } }, 400, 'bad-request', /source\.kind must be/],
      [[1, 2], 400, 'bad-request', /body must be a JSON object/],
    ];
    for (const [payload, status, code, message] of cases) {
      const r = await app.inject({ method: 'POST', url: '/v1/captures', payload: payload as object });
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json()).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    const junk = await app.inject({
      method: 'POST',
      url: '/v1/captures',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('bad-request');
  });

  it('serves over a real socket', async () => {
    const live = createDeviceServer(scanner, { targets: [flat] });
    const url = await live.listen({ port: 0, host: '127.0.0.1' });
    try {
      const info = (await (await fetch(`${url}/v1/device`)).json()) as { name: string };
      expect(info.name).toBe('capacitive-500');
      const r = await fetch(`${url}/v1/captures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: { kind: 'target', id: 'flat-white' } }),
      });
      expect(r.status).toBe(200);
      expect(decodePng(new Uint8Array(await r.arrayBuffer()), 0).width).toBe(256);
    } finally {
      await live.close();
    }
  });
});
