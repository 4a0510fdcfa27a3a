import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generated, KERNELS } from './build-wasm.ts';

// The committed base64 modules are what runs: each must be exactly what its WAT source assembles to.
describe('committed WebAssembly kernels', () => {
  for (const kernel of KERNELS) {
    it(`${kernel.module} is ${kernel.source} assembled (run npm run build:wasm after editing the WAT)`, async () => {
      const committed = readFileSync(fileURLToPath(new URL(`./${kernel.module}`, import.meta.url)), 'utf8');
      expect(committed).toBe(await generated(kernel));
    });
  }
});
