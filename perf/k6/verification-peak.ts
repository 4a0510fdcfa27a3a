// k6 script of the 'verification-peak' load profile (perf/profiles/verification-peak.json), run natively by k6 ≥ 1.0:
//   dactylo load data --profile verification-peak --out /abs/load-data
//   k6 run -e LOAD_DATA=/abs/load-data -e TOKENS=/abs/tokens.json -e TARGET=http://127.0.0.1:8080 perf/k6/verification-peak.ts
// Its options (scenarios, arrival-rate executors, thresholds) are what 'dactylo load --profile verification-peak' runs.
import { loadScript, type SetupData } from './lib/load-script.ts';

const script = loadScript(open('../profiles/verification-peak.json'));

export const options = script.options;

export function setup(): SetupData {
  return script.setup();
}

export function request(data: SetupData): void {
  script.request(data);
}
