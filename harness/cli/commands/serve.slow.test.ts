import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../targets/http-transport.ts';
import { ReferenceApiClient } from '../../targets/reference-api-client.ts';

const BIN = fileURLToPath(new URL('../dactylo.mjs', import.meta.url));
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dactylo serve as a process', () => {
  it('prints its URL, answers the typed client over the network, and stops cleanly on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'dactylo-serve-proc-'));
    const tokenFile = join(dir, 'tokens.json');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--token-file', tokenFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        }
      }, 100);
      exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`serve exited with ${code}: ${stderr}`));
      });
    });
    const tokens = JSON.parse(await readFile(tokenFile, 'utf8')).tokens as Record<string, string>;
    const client = new ReferenceApiClient({ transport: fetchTransport(url) });
    expect((await client.getHealth()).body).toEqual({ status: 'ok' });
    const metrics = await client.as(tokens.auditor).getMetrics();
    expect(metrics.status).toBe(200);
    expect((await client.as(tokens.auditor).getContractInfo()).status).toBe(200);
    expect((await client.as(tokens['border-officer']).exportAudit()).status).toBe(403);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: finishing requests in flight and stopping');
    // Access log lines are JSON with the operation and status, and nothing else of the request.
    const lines = stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.some((l) => JSON.parse(l).operation === 'getMetrics')).toBe(true);
  });
});
