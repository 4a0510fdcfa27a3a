import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** dactylo's version, recorded in every output beside the seed. */
export const DACTYLO_VERSION: string = pkg.version;
