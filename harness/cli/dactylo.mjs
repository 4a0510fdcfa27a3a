#!/usr/bin/env node
// dactylo is written in TypeScript and runs through tsx, a dependency, so that `npx dactylo` works
// straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
