import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { isFingerPosition } from '../fingerprints/finger-position.ts';
import { DACTYLO_VERSION } from '../runtime/version.ts';
import { captureToPng } from './capture-png.ts';
import { captureToFingerImageRecord } from './iso19794-4.ts';
import {
  ATTACK_SPECIES,
  type AttackSpecies,
  type Capture,
  type CaptureConditions,
  type FingerSpec,
  type TestTarget,
} from './types.ts';
import type { VirtualScanner } from './virtual-scanner.ts';

export const ISO_19794_4_MEDIA_TYPE = 'application/vnd.iso.19794-4';

export interface DeviceServerOptions {
  /** Test charts the device can be asked to scan by id (the conformance suite's targets). */
  readonly targets?: readonly TestTarget[];
  /** The OpenAPI document of this API, served at /v1/openapi.json (passed in as data). */
  readonly openapi?: object;
  /** Wait the simulated latency before answering, as a real device would. */
  readonly realTime?: boolean;
  readonly logger?: boolean;
}

/** A request the API cannot serve: HTTP status, machine-readable code, and what to change. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string): never {
  throw new ApiError(400, 'bad-request', message);
}

function fingerFrom(v: unknown, where: string): FingerSpec {
  if (!isObject(v)) bad(`${where} must be an object {seed, subject, position, impression}`);
  const { seed, subject, position, impression } = v;
  if (typeof seed !== 'string' || seed.length === 0 || seed.length > 64)
    bad(`${where}.seed must be a string of 1–64 characters`);
  if (!Number.isSafeInteger(subject) || (subject as number) < 0)
    bad(`${where}.subject must be a whole number ≥ 0`);
  if (typeof position !== 'number' || !isFingerPosition(position))
    bad(`${where}.position must be a finger position 1–10`);
  if (!Number.isSafeInteger(impression) || (impression as number) < 1 || (impression as number) > 999)
    bad(`${where}.impression must be a whole number 1–999`);
  return { seed, subject: subject as number, position, impression: impression as number };
}

function conditionsFrom(v: unknown): CaptureConditions {
  if (v === undefined) return {};
  if (!isObject(v)) bad('source.conditions must be an object');
  const out: {
    pressure?: number;
    skin?: CaptureConditions['skin'];
    placement?: CaptureConditions['placement'];
  } = {};
  if (v.pressure !== undefined) {
    if (typeof v.pressure !== 'number' || v.pressure < 0 || v.pressure > 1)
      bad('source.conditions.pressure must be a number 0–1');
    out.pressure = v.pressure;
  }
  if (v.skin !== undefined) {
    const skins = ['normal', 'dry', 'wet', 'worn', 'scarred'];
    if (typeof v.skin !== 'string' || !skins.includes(v.skin))
      bad(`source.conditions.skin must be one of ${skins.join(', ')}`);
    out.skin = v.skin as CaptureConditions['skin'];
  }
  if (v.placement !== undefined) {
    const p = v.placement;
    if (!isObject(p)) bad('source.conditions.placement must be an object');
    for (const k of ['offsetXMm', 'offsetYMm', 'rotationDeg'])
      if (p[k] !== undefined && (typeof p[k] !== 'number' || Math.abs(p[k] as number) > 90))
        bad(`source.conditions.placement.${k} must be a number within ±90`);
    out.placement = p as CaptureConditions['placement'];
  }
  return out;
}

function capture(scanner: VirtualScanner, targets: Map<string, TestTarget>, body: unknown): Capture {
  if (!isObject(body)) bad('the body must be a JSON object {source, format?, sequence?}');
  const source = body.source;
  if (!isObject(source)) bad('source must be an object with kind "target", "finger" or "attack"');
  const sequence = body.sequence ?? 0;
  if (!Number.isSafeInteger(sequence) || (sequence as number) < 0) bad('sequence must be a whole number ≥ 0');
  switch (source.kind) {
    case 'target': {
      const target = typeof source.id === 'string' ? targets.get(source.id) : undefined;
      if (!target)
        throw new ApiError(
          404,
          'unknown-target',
          `no target '${String(source.id)}' (known: ${[...targets.keys()].join(', ') || 'none'})`,
        );
      return scanner.captureTarget(target, { sequence: sequence as number });
    }
    case 'finger':
      return scanner.captureFinger(
        fingerFrom(source.finger, 'source.finger'),
        conditionsFrom(source.conditions),
      );
    case 'attack': {
      if (!ATTACK_SPECIES.includes(source.species as AttackSpecies))
        bad(`source.species must be one of ${ATTACK_SPECIES.join(', ')}`);
      return scanner.capturePresentation({
        species: source.species as AttackSpecies,
        finger: fingerFrom(source.finger, 'source.finger'),
      });
    }
    default:
      bad('source.kind must be "target", "finger" or "attack"');
  }
}

function formatOf(body: unknown): 'png' | 'iso19794-4' {
  const f = isObject(body) ? (body.format ?? 'png') : 'png';
  if (f !== 'png' && f !== 'iso19794-4') bad('format must be "png" or "iso19794-4"');
  return f;
}

/**
 * The device API of a virtual scanner (harness/contract/scanner-device.openapi.json): what a vendor's
 * adapter implements for a real device, so PSC software and the conformance suite talk to either alike.
 */
export function createDeviceServer(
  scanner: VirtualScanner,
  options: DeviceServerOptions = {},
): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });
  const targets = new Map((options.targets ?? []).map((t) => [t.id, t]));
  const p = scanner.profile;
  let captures = 0;

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply: FastifyReply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ code: err.code, message: err.message });
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    return reply
      .code(status)
      .send({ code: status < 500 ? 'bad-request' : 'internal-error', message: err.message });
  });

  app.get('/v1/device', async () => ({
    name: p.name,
    kind: p.kind,
    technology: p.technology,
    form: p.form,
    nominalPpi: p.resolution.nominalPpi,
    widthPx: scanner.width,
    heightPx: scanner.height,
    captureAreaMm: { width: p.captureArea.widthMm, height: p.captureArea.heightMm },
    bitDepth: p.electronics.bitDepth,
    formats: ['png', 'iso19794-4'],
    version: DACTYLO_VERSION,
    seed: scanner.seed,
  }));

  // Captures run synchronously on the event loop, so a status request never sees one in progress.
  app.get('/v1/status', async () => ({ state: 'ready', captures }));

  app.get('/v1/targets', async () => ({
    targets: [...targets.values()].map(({ id, widthMm, heightMm }) => ({ id, widthMm, heightMm })),
  }));

  if (options.openapi) {
    const doc = options.openapi;
    app.get('/v1/openapi.json', async () => doc);
  }

  app.post('/v1/captures', async (req, reply) => {
    const format = formatOf(req.body);
    const c = capture(scanner, targets, req.body);
    captures++;
    if (options.realTime) await new Promise((r) => setTimeout(r, c.latencyMs));
    reply.header('x-capture-latency-ms', String(c.latencyMs));
    reply.header('x-capture-acquired', String(c.acquired));
    reply.header('x-pad-score', c.pad.score.toFixed(6));
    reply.header('x-pad-decision', c.pad.decision);
    if (!c.acquired)
      return reply
        .code(422)
        .send({ code: 'failure-to-acquire', message: c.failureReason ?? 'failure to acquire' });
    if (format === 'iso19794-4')
      return reply.type(ISO_19794_4_MEDIA_TYPE).send(captureToFingerImageRecord(c));
    return reply.type('image/png').send(captureToPng(c));
  });
  return app;
}
