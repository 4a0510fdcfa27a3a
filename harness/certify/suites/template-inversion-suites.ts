import {
  runTemplateInversion,
  TEMPLATE_INVERSION,
  TEMPLATE_INVERSION_SAMPLE,
} from '../../leakage/template-inversion.ts';
import type { CertificationSuite } from '../certification-suite.ts';

/**
 * Template inversion (DEP-TPL-02): victims enrolled through the API, their stored templates taken
 * from the fingerprint database, inverted into images and presented to 1:1 verification.
 */
const templateInversionSuite: CertificationSuite = {
  id: 'template-inversion',
  title: 'Template inversion',
  produces: [TEMPLATE_INVERSION.id],
  requires: ['api', 'fingerprint-database'],
  async run(ctx) {
    const templates = ctx.quick ? TEMPLATE_INVERSION_SAMPLE.quick : TEMPLATE_INVERSION_SAMPLE.full;
    return [await runTemplateInversion(ctx, templates)];
  },
};

export const TEMPLATE_INVERSION_SUITES: readonly CertificationSuite[] = [templateInversionSuite];
