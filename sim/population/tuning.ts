/**
 * The population's tuning constants in one place. Figures with a source are cited where they are
 * used (age-pyramid.ts, regions.ts, legal-status.ts); these are modelling assumptions, stated so that
 * a reviewer can challenge them.
 */
export const POPULATION_TUNING = {
  /** Default snapshot date: the reference date of the cited age and region figures. */
  defaultAsOf: '2025-01-01',
  /**
   * Residents bearing Russian (Slavic/European) names: 2021 census, Russians 15.5 %, Ukrainians 2.0 %,
   * Germans 1.2 %, Koreans 0.6 %, Belarusians and Poles 0.5 %, others of European descent.
   */
  russianNameShare: 0.2,
  /** Kazakh-style patronymic (-ұлы/-қызы) by birth cohort; most documents still carry -ович/-овна. */
  kazakhStylePatronymic: { before1991: 0.03, from1991: 0.15, from2000: 0.4 },
  noPatronymicShare: 0.02,
  /** Women who take the husband's surname, and the ages at which they marry. */
  marriageNameChange: { womenShare: 0.5, fromAge: 19, toAge: 35 },
  /** Documents: validity, age of the first ID card, passports held. */
  documents: {
    validityYears: 10,
    idCardAge: 16,
    passportAdultShare: 0.35,
    passportChildShare: 0.08,
    passportRenewShare: 0.6,
    /** Only the documents of the last 20 years are kept: older ones have left every register. */
    historyYears: 20,
    /** Days from a trigger (expiry, loss, theft, name change) to the new document. */
    prompt: { share: 0.9, maxDays: 45 },
    late: { maxDays: 900 },
    lossPerYear: 0.006,
    theftPerYear: 0.0015,
  },
  /** Foreigners and stateless persons arrived within this many years before as-of. */
  arrivalYears: 20,
  /** Permanent emigration per adult per year, over the last `emigrationYears` (BNS: ~0.1 %/year). */
  emigration: { perYear: 0.001, years: 10 },
  /** Deaths recorded over the last `years`; annual probability by Gompertz–Makeham q(a) = a0 + b·e^(c·a). */
  death: { years: 5, a0: 0.0005, b: 0.00004, c: 0.095, max: 0.35 },
  /**
   * Fingers that cannot be captured. Digit amputation, temporary bandage and scarring shares are
   * assumptions of the order reported by enrolment programmes (about 1–2 % of people with fewer
   * than ten usable fingers); adermatoglyphia (no papillary patterns) is exceedingly rare.
   */
  fingers: {
    amputation: 0.005,
    bandage: 0.005,
    scar: 0.003,
    noPatterns: 0.00001,
    /** Weights of thumb, index, middle, ring, little in injuries. */
    fingerWeights: [0.15, 0.3, 0.25, 0.17, 0.13],
    /** How many fingers an amputation takes: 1, 2, 3, 4, 5 (a whole hand). */
    amputatedCount: [0.7, 0.2, 0.05, 0.03, 0.02],
  },
} as const;
