import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrayImage } from '../../sim/image/gray-image.ts';
import { encodeGrayPng } from '../../sim/image/png-encode.ts';
import { assertValid } from '../contract/validate.ts';
import type { CheckResult } from './check.ts';
import { runConformance } from './conformance.ts';
import { KnownTruthDevice, knownTruth } from './known-truth-device.test-helper.ts';
import { HttpDevice } from './sources/http-device.ts';
import { ImageFolderDevice } from './sources/image-folder.ts';
import { standardTargets } from './target-catalogue.ts';
import { targetManifest } from './target-files.ts';

// Small platen to keep the test fast: capture-area fails by design (12.8 × 16.5 mm needs 252 × 325 px).
const truth = knownTruth({ widthPx: 180, heightPx: 220 });
const device = new KnownTruthDevice(truth);
const captures = new Map<string, GrayImage>();

beforeAll(async () => {
  for (const t of standardTargets(500, device.widthMm, device.heightMm)) {
    const c = await device.captureTarget(t, 1);
    if (c.image) captures.set(t.id, c.image);
  }
}, 120_000);

/** A vendor folder: the captures under the targets' names, manifest.json beside them, then `spoil` applied. */
async function folder(spoil: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dactylo-scanner-images-'));
  const m = targetManifest(500, 2400, device.widthMm, device.heightMm);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
  for (const t of m.targets)
    await writeFile(join(dir, t.file), encodeGrayPng(captures.get(t.id) as GrayImage));
  await spoil(dir);
  return dir;
}

async function check(dir: string) {
  try {
    const { report } = await runConformance({
      device: new ImageFolderDevice(dir),
      spec: 'appendix-f',
      seed: 't',
    });
    assertValid('scanner-conformance-report.schema.json', report);
    return report;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function byId(checks: CheckResult[], id: string): CheckResult {
  const c = checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

/** Sets the IHDR bit depth of a PNG to 16 and fixes the CRC: what a 16-bit export's header says. */
function claimSixteenBit(png: Buffer): Buffer {
  const out = Buffer.from(png);
  out[8 + 8 + 8] = 16;
  out.writeUInt32BE(crc32(out.subarray(12, 12 + 4 + 13)), 12 + 4 + 13);
  return out;
}

function colourPng(img: GrayImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  for (let i = 0; i < img.data.length; i++) png.data.set([img.data[i], img.data[i], img.data[i], 255], i * 4);
  return PNG.sync.write(png, { colorType: 2 });
}

describe('scanner check on an image folder', () => {
  it('measures every target check from a complete folder, and says live checks need a device', async () => {
    const r = await check(await folder());
    for (const id of [
      'resolution',
      'geometric-accuracy-across',
      'mtf',
      'snr',
      'linearity',
      'uniformity-adjacent-rows-columns',
    ])
      expect(byId(r.checks, id).verdict, id).toBe('pass');
    expect(byId(r.checks, 'failure-to-acquire').reason).toMatch(/image folder/);
    expect(byId(r.checks, 'fingerprint-gray-range').reason).toMatch(/fingers\//);
    expect(byId(r.checks, 'capture-area').verdict).toBe('fail');
    expect(r.verdict).toBe('fail');
  });

  it('names a missing target file in the checks that needed it, and only those', async () => {
    const r = await check(await folder((d) => rm(join(d, 'bars-x.png'))));
    expect(byId(r.checks, 'mtf')).toMatchObject({ verdict: 'not-measured', value: null });
    expect(byId(r.checks, 'mtf').reason).toMatch(/missing file bars-x\.png/);
    expect(byId(r.checks, 'resolution').verdict).toBe('pass');
    expect(r.verdict).not.toBe('pass');
  });

  it('refuses a capture whose resolution tag disagrees with the device, naming both resolutions', async () => {
    const r = await check(
      await folder((d) =>
        writeFile(
          join(d, 'flat-white.png'),
          encodeGrayPng({ ...(captures.get('flat-white') as GrayImage), ppi: 300 }),
        ),
      ),
    );
    for (const id of ['snr', 'uniformity-pixel-to-pixel', 'uniformity-small-area']) {
      expect(byId(r.checks, id).verdict, id).toBe('not-measured');
      expect(byId(r.checks, id).reason).toMatch(/300 ppi.*500 ppi/);
    }
    expect(byId(r.checks, 'image-format-png')).toMatchObject({ verdict: 'fail' });
    expect(r.verdict).toBe('fail');
  });

  it('refuses 16-bit and colour captures by name instead of converting them', async () => {
    const r = await check(
      await folder(async (d) => {
        await writeFile(
          join(d, 'ronchi-x.png'),
          claimSixteenBit(encodeGrayPng(captures.get('ronchi-x') as GrayImage)),
        );
        await writeFile(join(d, 'gray-steps.png'), colourPng(captures.get('gray-steps') as GrayImage));
      }),
    );
    expect(byId(r.checks, 'resolution').reason).toMatch(/ronchi-x\.png is a 16-bit grayscale PNG/);
    expect(byId(r.checks, 'linearity').reason).toMatch(/gray-steps\.png is a 8-bit RGB colour PNG/);
    expect(byId(r.checks, 'resolution').verdict).toBe('not-measured');
    expect(byId(r.checks, 'image-format-png').verdict).toBe('fail');
    expect(r.verdict).not.toBe('pass');
  });

  it('says in every check that manifest.json is missing when it is', async () => {
    const r = await check(await folder((d) => rm(join(d, 'manifest.json'))));
    expect(r.verdict).toBe('not-measured');
    for (const c of r.checks)
      expect(c.reason, c.id).toMatch(/manifest\.json: missing|image folder|no presentation-attack/);
  });
});

describe('scanner check on a device URL that never answers', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Accepts connections and never replies: a hung device.
    server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports every check not-measured with the timeout, after one deadline, never pass', async () => {
    const t0 = performance.now();
    const { report } = await runConformance({ device: new HttpDevice(url, 200), spec: 'piv', seed: 't' });
    expect(performance.now() - t0).toBeLessThan(5000);
    assertValid('scanner-conformance-report.schema.json', report);
    expect(report.verdict).toBe('not-measured');
    for (const c of report.checks) {
      expect(c.verdict, c.id).toBe('not-measured');
      expect(c.reason, c.id).toMatch(/did not answer within 200 ms|image folder|codec/);
    }
  });
});
