import type { Command } from 'commander';
import { register as certify } from './certify.ts';
import { register as demo } from './demo.ts';
import { register as evaluate } from './evaluate.ts';
import { register as extract } from './extract.ts';
import { register as fingerprints } from './fingerprints.ts';
import { register as flaws } from './flaws.ts';
import { register as gallery } from './gallery.ts';
import { register as identify } from './identify.ts';
import { register as keys } from './keys.ts';
import { register as load } from './load.ts';
import { register as match } from './match.ts';
import { register as population } from './population.ts';
import { register as report } from './report.ts';
import { register as requirements } from './requirements.ts';
import { register as scanner } from './scanner.ts';
import { register as serve } from './serve.ts';
import { register as shard } from './shard.ts';

/** Each command module adds itself to the program; order here is the order in `--help`. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  demo,
  population,
  fingerprints,
  extract,
  match,
  evaluate,
  gallery,
  identify,
  shard,
  requirements,
  flaws,
  certify,
  load,
  keys,
  report,
  scanner,
  serve,
];
