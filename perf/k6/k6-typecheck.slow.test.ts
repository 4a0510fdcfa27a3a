import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

// k6 is not installed here: the scripts are checked against k6's own type definitions (@types/k6),
// with a tsconfig that has no Node types, so a Node API used by mistake fails too.
it('the k6 scripts type-check against @types/k6 with their own tsconfig', async () => {
  const tsc = resolve(here, '../../node_modules/typescript/bin/tsc');
  const run = promisify(execFile)(process.execPath, [tsc, '-p', resolve(here, 'tsconfig.json'), '--noEmit']);
  await expect(run).resolves.toBeDefined();
}, 60_000);
