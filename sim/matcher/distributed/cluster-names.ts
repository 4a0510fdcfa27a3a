/**
 * Every NATS name a distributed matcher uses, derived from one prefix so that several deployments (or
 * tests) share a server without meeting: the JetStream stream that logs enrolments, one subject per
 * shard for enrolments and for identification requests, and the queue group of a shard's replicas.
 */
export interface ClusterNames {
  readonly prefix: string;
  readonly stream: string;
  readonly enrolments: string;
  enrolSubject(shard: number): string;
  identifySubject(shard: number): string;
  queue(shard: number): string;
}

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function clusterNames(prefix = 'dactylo'): ClusterNames {
  if (!TOKEN.test(prefix))
    throw new RangeError(
      `cluster prefix "${prefix}" must be 1–64 letters, digits, "_" or "-" (a NATS token)`,
    );
  return {
    prefix,
    stream: `${prefix.replaceAll('-', '_')}_enrolments`,
    enrolments: `${prefix}.enrol.*`,
    enrolSubject: (shard) => `${prefix}.enrol.${shard}`,
    identifySubject: (shard) => `${prefix}.identify.${shard}`,
    queue: (shard) => `${prefix}-shard-${shard}`,
  };
}
