import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { createDeviceServer } from '../../../sim/scanner/device-server.ts';
import {
  listScannerProfiles,
  scannerProfile,
  scannerProfileNames,
} from '../../../sim/scanner/scanner-profile.ts';
import { VirtualScanner } from '../../../sim/scanner/virtual-scanner.ts';
import { standardTargets } from '../../scanner/target-catalogue.ts';
import { CommandError } from '../errors.ts';
import { integerOption, seedOption } from '../options.ts';
import { registerCheck } from './scanner-check.ts';
import { registerTargets } from './scanner-targets.ts';

export const SCANNER_DEVICE_OPENAPI_FILE = new URL(
  '../../contract/scanner-device.openapi.json',
  import.meta.url,
);

function profileOption(value: string): string {
  if (!scannerProfileNames().includes(value))
    throw new InvalidArgumentError(
      `--profile must be one of ${scannerProfileNames().join(', ')}, got '${value}'`,
    );
  return value;
}

function hostOption(value: string): string {
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(value))
    throw new InvalidArgumentError(`--host must be a host name or address, got '${value}'`);
  return value;
}

function profiles(o: { json?: boolean }): void {
  const list = listScannerProfiles();
  if (o.json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  const width = Math.max(...list.map((p) => p.name.length));
  for (const p of list) {
    const s = scannerProfile(p.name);
    const area = `${s.captureArea.widthMm}×${s.captureArea.heightMm} mm`;
    process.stdout.write(
      `${p.name.padEnd(width)}  ${p.kind.padEnd(9)}  ${s.technology.padEnd(10)}  ${s.resolution.nominalPpi} ppi  ${area.padEnd(16)}  ${p.description}\n`,
    );
  }
}

interface ServeOptions {
  profile: string;
  port: number;
  host: string;
  seed: string;
  realTime?: boolean;
}

async function serve(o: ServeOptions): Promise<void> {
  const profile = scannerProfile(o.profile);
  const scanner = new VirtualScanner(profile, { seed: o.seed });
  const openapi = JSON.parse(readFileSync(SCANNER_DEVICE_OPENAPI_FILE, 'utf8')) as object;
  const { nominalPpi } = profile.resolution;
  const targets = standardTargets(nominalPpi, profile.captureArea.widthMm, profile.captureArea.heightMm);
  const app = createDeviceServer(scanner, { targets, openapi, realTime: o.realTime });
  let url: string;
  try {
    url = await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    throw new CommandError(`cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
  }
  process.stdout.write(
    `virtual scanner ${profile.name} (${profile.kind}) listening on ${url} (seed ${o.seed}); API at ${url}/v1/openapi.json\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void app.close().then(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function register(program: Command): void {
  const scanner = program
    .command('scanner')
    .description('virtual fingerprint scanners and the scanner conformance suite');
  scanner
    .command('profiles')
    .description(
      'list the shipped scanner profiles (certified-class references and their one-defect mutants)',
    )
    .option('--json', 'print an array of {name, kind, description}')
    .action((o: { json?: boolean }) => profiles(o));
  scanner
    .command('serve')
    .description(
      'expose a virtual scanner over the local HTTP device API (harness/contract/scanner-device.openapi.json)',
    )
    .requiredOption('--profile <name>', 'scanner profile (see `dactylo scanner profiles`)', profileOption)
    .option('--port <n>', 'TCP port (0: any free port)', integerOption('--port', 0, 65535), 8790)
    .option('--host <address>', 'address to listen on', hostOption, '127.0.0.1')
    .option(
      '--seed <seed>',
      "seed of the device's noise, latency, failures and PAD draws",
      seedOption,
      'dactylo',
    )
    .option('--real-time', 'answer each capture after its simulated latency, as a real device would')
    .action(async (o: ServeOptions) => serve(o));
  registerCheck(scanner);
  registerTargets(scanner);
}
