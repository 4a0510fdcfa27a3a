import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { writeTargets } from '../../scanner/target-files.ts';
import { AtomicDirectory } from '../atomic-output.ts';
import { integerOption } from '../options.ts';
import { progress } from '../progress.ts';

interface TargetsOptions {
  out: string;
  ppi: number;
  size: { widthMm: number; heightMm: number };
  printPpi: number;
}

function ppiOption(value: string): number {
  if (value !== '500' && value !== '1000')
    throw new InvalidArgumentError(`--ppi must be 500 or 1000, got '${value}'`);
  return Number(value);
}

function sizeOption(value: string): { widthMm: number; heightMm: number } {
  const m = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/.exec(value.trim());
  const w = m ? Number(m[1]) : Number.NaN;
  const h = m ? Number(m[2]) : Number.NaN;
  if (!(w >= 5 && w <= 200 && h >= 5 && h <= 200))
    throw new InvalidArgumentError(
      `--size must be WIDTHxHEIGHT in mm, each 5–200, such as 20.32x25.4, got '${value}'`,
    );
  return { widthMm: w, heightMm: h };
}

async function run(o: TargetsOptions): Promise<void> {
  const dir = await AtomicDirectory.create(o.out);
  const bar = progress('targets', 9);
  try {
    const m = await writeTargets(dir.temp, o.ppi, o.printPpi, o.size.widthMm, o.size.heightMm, () =>
      bar.tick(),
    );
    await dir.commit();
    process.stdout.write(
      `${m.targets.length} targets for a ${o.ppi} ppi device, ${o.size.widthMm} × ${o.size.heightMm} mm, printed at ${o.printPpi} ppi, in ${o.out}\n`,
    );
  } catch (e) {
    await dir.abort();
    throw e;
  } finally {
    bar.stop();
  }
}

/** Adds `targets` to the `scanner` command (registered by harness/cli/commands/scanner.ts). */
export function registerTargets(scanner: Command): void {
  scanner
    .command('targets')
    .description(
      'write the test targets as print-ready PNGs with manifest.json, for a real device to capture',
    )
    .requiredOption('--out <dir>', 'new (or empty) directory for the PNGs and manifest.json')
    .option('--ppi <ppi>', 'resolution of the device under test: 500 or 1000', ppiOption, 500)
    .option('--size <WxH>', "the device's platen in mm (targets are made that size)", sizeOption, {
      widthMm: 20.32,
      heightMm: 25.4,
    })
    .option(
      '--print-ppi <n>',
      'resolution of the PNGs for the printer',
      integerOption('--print-ppi', 600, 9600),
      2400,
    )
    .action(async (o: TargetsOptions) => run(o));
}
