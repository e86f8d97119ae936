/**
 * The trajectory's norms, from the one configuration with validity dates that the Wmo clocks use
 * too (`legal_norms`, src/modules/legal-terms/). Pure: the caller passes the configured norms in.
 * The norms valid on the day the referral came in apply for the whole trajectory.
 */
import { type IsoDate, type Norm, normOn } from '../legal-terms/legal-terms.ts';
import type { TrajectoryNorms } from './trajectory-process.ts';

/** Which configured norm each clock uses (migrations 081 and 091). */
export const trajectoryNormCodes = {
  planWithin: 'neighbourhood_plan',
  minDuration: 'basic_support_minimum',
  maxDuration: 'basic_support',
  evaluationEvery: 'basic_support_evaluation',
  reopenWithin: 'basic_support_reopen',
  atRiskWithin: 'basic_support_at_risk',
} as const satisfies Record<keyof TrajectoryNorms, string>;

export function trajectoryNormsOn(norms: readonly Norm[], on: IsoDate): TrajectoryNorms {
  const term = (code: string) => {
    const n = normOn(norms, code, on);
    return { amount: n.amount, unit: n.unit };
  };
  return Object.fromEntries(Object.entries(trajectoryNormCodes).map(([k, code]) => [k, term(code)])) as TrajectoryNorms;
}
