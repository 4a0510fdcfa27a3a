import type { JSONWebKeySet, JWK } from 'jose';
import type { Role } from '../../sim/reference/types.ts';
import type { SqlClient } from '../../sim/storage/sql-client.ts';
import type { Capability } from '../requirements/requirement.ts';
import type { HttpTransport } from './http-transport.ts';
import type { ReferenceApiClient } from './reference-api-client.ts';

/** Who the report says was certified (recorded verbatim in report.json). */
export interface CertificationTargetIdentity {
  kind: 'reference' | 'http';
  name: string;
  version: string | null;
  baseUrl: string | null;
  configDigest: string | null;
}

/** A read-only view of one of the target's databases, as a certification lab is given it. */
export interface DatabaseAccess {
  db: SqlClient;
  /** The schemas that hold this store's data (everything in them is inspected). */
  schemas: string[];
}

/** Where the target's TLS endpoint is, for protocol-level tests (plain HTTP, old TLS versions). */
export interface TlsEndpoint {
  host: string;
  port: number;
  /** PEM of the CA that signed the server certificate. */
  caCert: string;
}

/**
 * Hooks only an in-process target offers (the reference system): they let reliability suites crash
 * the service at a named step, take external services down, and let the template-inversion attack
 * run "with the storage key". A vendor target has none of them; the suites that need one report
 * `skipped` with the reason, so the requirement is not evaluated (never passed).
 */
export interface InProcessHooks {
  /** The planted flaw, if any (`dactylo certify --flaw`). */
  flaw: string | null;
  /** Decrypts a vault template cell (as stored) with the deployment's key; null if it cannot. */
  decryptTemplate(stored: Uint8Array, aad: { subjectId: string; position: number }): Uint8Array | null;
  /** Restarts the service over the same databases; with `crashAt` the next enrolment dies at that step. */
  restart(o?: { crashAt?: string; dropConnectionAt?: string }): Promise<void>;
  /** Makes the simulated population register, document issuer and SMS gateway fail (or heal). */
  setExternalOutage(down: boolean): void;
  /** Moves the target's clock (scenarios that span years: renewal on expiry). */
  setClock(now: Date): void;
  now(): Date;
  /**
   * The owner (migration) connection: what a lab has on a restored copy of the databases. Lets
   * tamper tests change an audit entry or move a sealed template, which the domain roles cannot.
   */
  ownerDatabase?: SqlClient;
}

/** The target's token keys, for JWT attacks (key confusion needs the public key; expiry tests a trusted signer). */
export interface TokenKeys {
  publicKeys: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  /** A private key the target trusts: the in-process reference only. */
  signingJwk?: JWK;
}

/**
 * A system under certification, reached through an adapter (in-process reference, or HTTP from a
 * target config). Suites use only this; what a target does not expose is absent, and the matching
 * capability is missing, so requirements that need it are `not-evaluated` with the reason.
 */
export interface CertificationTarget {
  identity: CertificationTargetIdentity;
  capabilities: ReadonlySet<Capability>;
  /** Contract version the target reports (getContractInfo), or null if it could not be read. */
  contractVersion: string | null;
  transport: HttpTransport;
  /** A contract client acting as `role` (no token when role is undefined). */
  client(role?: Role): ReferenceApiClient;
  /** The bearer token for a role, where the target config gives one. */
  token(role: Role): string | undefined;
  fingerprintDatabase?: DatabaseAccess;
  identityRegistry?: DatabaseAccess;
  /** Every log line the target has written so far (from files, URLs or the in-process logger). */
  readLogs?(): Promise<string[]>;
  /** The Prometheus text the target exposes now. */
  readMetrics?(): Promise<string>;
  /** A dump of the fingerprint database (plain SQL or archive bytes). */
  readDump?(): Promise<Uint8Array>;
  /** A second, independent deployment of the same system (for cross-deployment linkability). */
  secondDeployment?: CertificationTarget;
  tls?: TlsEndpoint;
  /** From the target config's `auth.jwks`, or the in-process issuer. */
  tokenKeys?: TokenKeys;
  scanners?: { name: string; deviceUrl: string }[];
  /** Only the in-process reference has these. */
  hooks?: InProcessHooks;
  close(): Promise<void>;
}
