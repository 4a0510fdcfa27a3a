#!/usr/bin/env node
// Runs one TypeScript file (a benchmark or script) through tsx: `node harness/cli/run-ts.mjs FILE [ARGS…]`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: run-ts.mjs FILE [ARGS…]\n');
  process.exit(2);
}
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(file)).href);
