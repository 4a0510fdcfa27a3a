import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeviceServer } from '../../sim/scanner/device-server.ts';
import { scannerProfile } from '../../sim/scanner/scanner-profile.ts';
import { VirtualScanner } from '../../sim/scanner/virtual-scanner.ts';
import { inline } from '../../sim/services/contract-operations.ts';
import { openApiProblems } from './reference-api.ts';
import { describeErrors } from './validate.ts';

const doc = JSON.parse(readFileSync(new URL('./scanner-device.openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, object> };
};
const ajv = new Ajv2020({ allErrors: true, strict: false });

function check(name: string, value: unknown): string {
  const v = ajv.compile(inline(doc, doc.components.schemas[name]) as object);
  return v(value) ? '' : describeErrors(v.errors);
}

const app = createDeviceServer(new VirtualScanner(scannerProfile('optical-500')), {
  targets: [{ id: 'flat', widthMm: 10, heightMm: 10, reflectance: () => 0.5 }],
  openapi: doc,
});
afterAll(() => app.close());

describe('scanner-device.openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    expect(openApiProblems(doc)).toEqual([]);
  });

  it('describes what the virtual scanner answers', async () => {
    expect(check('DeviceInfo', (await app.inject({ url: '/v1/device' })).json())).toBe('');
    expect(check('Status', (await app.inject({ url: '/v1/status' })).json())).toBe('');
    expect(check('TargetList', (await app.inject({ url: '/v1/targets' })).json())).toBe('');
    const unknown = await app.inject({
      method: 'POST',
      url: '/v1/captures',
      payload: { source: { kind: 'target', id: 'x' } },
    });
    expect(check('Problem', unknown.json())).toBe('');
  });

  it('accepts the requests the server accepts, and refuses what it refuses', () => {
    const finger = { seed: 's', subject: 1, position: 2, impression: 1 };
    expect(
      check('CaptureRequest', { source: { kind: 'target', id: 'flat' }, format: 'png', sequence: 1 }),
    ).toBe('');
    expect(check('CaptureRequest', { source: { kind: 'finger', finger, conditions: { skin: 'wet' } } })).toBe(
      '',
    );
    expect(
      check('CaptureRequest', { source: { kind: 'attack', species: 'latex', finger }, format: 'iso19794-4' }),
    ).toBe('');
    expect(check('CaptureRequest', { source: { kind: 'attack', species: 'clay', finger } })).not.toBe('');
    expect(
      check('CaptureRequest', { source: { kind: 'finger', finger: { ...finger, position: 11 } } }),
    ).not.toBe('');
  });
});
