import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DACTYLO = fileURLToPath(new URL('../dactylo.mjs', import.meta.url));

describe('dactylo scanner serve (a real process)', () => {
  it('listens on a real port and answers the device API until stopped', async () => {
    const child = spawn(
      process.execPath,
      [DACTYLO, 'scanner', 'serve', '--profile', 'mutant-low-mtf', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+) /.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const info = (await (await fetch(`${url}/v1/device`)).json()) as { name: string; kind: string };
      expect(info).toMatchObject({ name: 'mutant-low-mtf', kind: 'mutant' });
      const targets = (await (await fetch(`${url}/v1/targets`)).json()) as { targets: { id: string }[] };
      expect(targets.targets.map((t) => t.id)).toContain('flat-white');
      const doc = (await (await fetch(`${url}/v1/openapi.json`)).json()) as { openapi: string };
      expect(doc.openapi).toBe('3.1.0');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);
});
