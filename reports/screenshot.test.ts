import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleReport } from './report-fixture.test-helper.ts';
import { certificationHtml } from './report-html.ts';
import { screenshotHtml, screenshotUnavailable } from './screenshot.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-screenshot-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const missing = screenshotUnavailable();

describe('screenshot of report.html', () => {
  it.skipIf(missing !== null)(
    `renders the report to a PNG of the asked size${missing ? ` (skipped: ${missing})` : ''}`,
    async () => {
      const html = join(root, 'report.html');
      writeFileSync(html, certificationHtml(sampleReport()));
      const png = join(root, 'report.png');
      await screenshotHtml(html, png, { width: 800, height: 600, scale: 1 });
      const bytes = readFileSync(png);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([800, 600]);
      // A rendered page is not one flat colour: it compresses to more than a blank frame would.
      expect(bytes.length).toBeGreaterThan(20_000);
    },
    180_000,
  );

  it('says how to install Chromium when it is missing', async () => {
    expect(screenshotUnavailable('/nonexistent/chromium')).toMatch(/apt-get install -y chromium/);
    await expect(
      screenshotHtml('x.html', join(root, 'x.png'), { executablePath: '/nonexistent/chromium' }),
    ).rejects.toThrow(/not installed/);
  });
});
