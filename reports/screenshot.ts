import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`): dactylo downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a reproducible, offline, sandbox-less render in a container: no GPU, no QUIC, no first-run
 * dialogs, and none of the background traffic (updates, sync, component downloads) a profile makes.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface ScreenshotOptions {
  /** CSS pixels; the PNG is this wide (times `scale`). */
  width?: number;
  height?: number;
  /** Device pixel ratio (2 for a sharp README image). */
  scale?: number;
  /** The whole page rather than the first screen. */
  fullPage?: boolean;
  executablePath?: string;
}

/** Why a screenshot cannot be taken here, or null. */
export function screenshotUnavailable(executablePath = CHROMIUM): string | null {
  return existsSync(executablePath)
    ? null
    : `${executablePath} is not installed (Debian: apt-get install -y chromium)`;
}

/**
 * Renders a report.html to a PNG with headless Chromium, from a fresh profile that is deleted
 * afterwards. The page is self-contained, so nothing is fetched: requests off the file are blocked.
 */
export async function screenshotHtml(
  htmlFile: string,
  pngFile: string,
  o: ScreenshotOptions = {},
): Promise<void> {
  const executablePath = o.executablePath ?? CHROMIUM;
  const missing = screenshotUnavailable(executablePath);
  if (missing) throw new Error(`cannot take a screenshot: ${missing}`);
  const profile = await mkdtemp(join(tmpdir(), 'dactylo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: o.width ?? 1280, height: o.height ?? 900 },
    deviceScaleFactor: o.scale ?? 1,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const url = pathToFileURL(resolve(htmlFile)).href;
    await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: 'load' });
    await page.screenshot({ path: pngFile, fullPage: o.fullPage ?? false });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** `node harness/cli/run-ts.mjs reports/screenshot.ts DIR/report.html OUT.png [WIDTH HEIGHT]` (the README image). */
async function main(args: string[]): Promise<void> {
  const [html, png, width = '1280', height = '900'] = args;
  if (!html || !png) {
    process.stderr.write('usage: run-ts.mjs reports/screenshot.ts REPORT.html OUT.png [WIDTH HEIGHT]\n');
    process.exitCode = 2;
    return;
  }
  await screenshotHtml(html, png, { width: Number(width), height: Number(height), scale: 1 });
  process.stdout.write(`${png}: ${width}×${height} screenshot of ${html}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main(process.argv.slice(2));
