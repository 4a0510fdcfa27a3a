/** A requirement of the certification catalogue, as validated by harness/contract/requirement.schema.json. */
export type Family = 'POL' | 'DEP' | 'SEC' | 'BIO' | 'SCN' | 'REL' | 'SCA';

export const FAMILIES: readonly Family[] = ['POL', 'DEP', 'SEC', 'BIO', 'SCN', 'REL', 'SCA'];

export const FAMILY_TITLES: Readonly<Record<Family, string>> = {
  POL: 'Enrollment policy',
  DEP: 'Depersonalization',
  SEC: 'Access control, cryptography, audit',
  BIO: 'Biometric performance',
  SCN: 'Situations of the rules',
  REL: 'Reliability, no loss',
  SCA: 'Scanners',
};

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a target exposes; a requirement that needs what the target lacks is not evaluated. */
export type Capability =
  | 'api'
  | 'fingerprint-database'
  | 'identity-registry'
  | 'logs'
  | 'metrics'
  | 'dump'
  | 'scanners'
  | 'second-deployment'
  | 'all-roles';

export interface Source {
  document: string;
  clause: string;
}

export interface EvidenceSpec {
  test: string;
  description: string;
}

export type VerdictRule =
  | { rule: 'all-pass' }
  | { rule: 'at-most' | 'at-least'; measurement: string; limit: number; unit?: string }
  | { rule: 'rate-upper-bound-at-most'; measurement: string; limit: number; confidence: number };

export interface Requirement {
  id: string;
  family: Family;
  title: string;
  sources: Source[];
  rationale: string;
  severity: Severity;
  requires: Capability[];
  evidence: EvidenceSpec[];
  verdict: VerdictRule;
}

/** Full names of the documents requirements cite, for reports and `dactylo requirements`. */
export const SOURCE_DOCUMENTS: Readonly<Record<string, string>> = {
  'rules-2024':
    'MIA Order No. 730 of 30 Sep 2024, rules of fingerprint registration (as amended 31 Mar 2026)',
  'law-2016': 'Law of the Republic of Kazakhstan "On fingerprint and genomic registration" (2016)',
  'personal-data-law':
    'Law of the Republic of Kazakhstan No. 94-V "On personal data and their protection" (2013)',
  'cao-443-1': 'Code of Administrative Offences of the Republic of Kazakhstan, Article 443-1',
  'iso-24745': 'ISO/IEC 24745:2022 Biometric information protection',
  'iso-19795-1':
    'ISO/IEC 19795-1:2021 Biometric performance testing and reporting — Principles and framework',
  'iso-19795-2': 'ISO/IEC 19795-2:2007 Testing methodologies for technology and scenario evaluation',
  'iso-30107-3': 'ISO/IEC 30107-3:2023 Presentation attack detection — Testing and reporting',
  'ebts-appendix-f': 'FBI EBTS, Appendix F: Image Quality Specifications (IAFIS-IC-0110)',
  'fbi-piv-071006': 'FBI PIV-071006: Image Quality Specifications for Single Finger Capture Devices',
  'owasp-asvs': 'OWASP Application Security Verification Standard 4.0.3',
  'rfc-8725': 'RFC 8725 JSON Web Token Best Current Practices',
  'dactylo-contract': "dactylo's OpenAPI contract (harness/contract/reference-api.openapi.json)",
};
