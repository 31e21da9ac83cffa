// The headline figures of each arm, derived from the integer totals (hours to 0.1, pounds to the penny).
import { HOUR } from '../../firmware/clock.js';
import type { EventTimes } from './event.js';
import type { StudyParams } from './params.js';
import { HOURS_OFF_BINS, type ArmTotals, type StudyTotals } from './summary.js';

export interface ArmFigures {
  customersLostSupply: number;
  vulnerableCustomersLostSupply: number;
  customerHoursOffSupply: number;
  vulnerableCustomerHoursOffSupply: number;
  customerHoursOffSupplyColdestDays: number;
  selfDisconnections: number;
  peakCustomersOffSupply: number;
  noWanCustomersLostSupply: number;
  noWanCustomerHoursOffSupply: number;
  siteVisitsNeeded: number;
  siteVisitsMade: number;
  commandsIssued: number;
  commandsApplied: number;
  commandsNotApplied: number;
  tokensTexted: number;
  tokensTyped: number;
  tokensNotTyped: number;
  mistypedTokensCaught: number;
  duplicateDeliveries: number;
  emergencyCreditActivations: number;
  customerTopUps: number;
  customerTopUpsPounds: number;
  freeCreditPounds: number;
  debtAtStartPounds: number;
  debtAtEndPounds: number;
  debtRecoveredPounds: number;
  metersWithNegativeBalanceAtEnd: number;
  overchargedAtOldPricePounds: number;
  metersOvercharged: number;
}

const hours = (s: number) => Math.round((s / HOUR) * 10) / 10;
const pounds = (mp: number) => Math.round(mp / 1000) / 100;

export function armFigures(t: ArmTotals): ArmFigures {
  const applied = t.appliedByWan + t.appliedByText + t.appliedByVisit;
  return {
    customersLostSupply: t.lostSupply,
    vulnerableCustomersLostSupply: t.vulnerableLostSupply,
    customerHoursOffSupply: hours(t.offSeconds),
    vulnerableCustomerHoursOffSupply: hours(t.vulnerableOffSeconds),
    customerHoursOffSupplyColdestDays: hours(t.coldestOffSeconds),
    selfDisconnections: t.disconnections,
    peakCustomersOffSupply: Math.round(Math.max(0, ...t.offPerHour) / HOUR),
    noWanCustomersLostSupply: t.byWan.none.lostSupply,
    noWanCustomerHoursOffSupply: hours(t.byWan.none.offSeconds),
    siteVisitsNeeded: t.visitsNeeded,
    siteVisitsMade: t.visitsMade,
    commandsIssued: t.commandsIssued,
    commandsApplied: applied,
    commandsNotApplied: t.commandsIssued - applied,
    tokensTexted: t.tokensTexted,
    tokensTyped: t.tokensTyped,
    tokensNotTyped: t.tokensNeverTyped,
    mistypedTokensCaught: t.typos,
    duplicateDeliveries: t.duplicates,
    emergencyCreditActivations: t.ecActivations,
    customerTopUps: t.topUps,
    customerTopUpsPounds: pounds(t.toppedUpMp),
    freeCreditPounds: pounds(t.freeCreditMp),
    debtAtStartPounds: pounds(t.debtStartMp),
    debtAtEndPounds: pounds(t.debtEndMp),
    debtRecoveredPounds: pounds(t.debtStartMp - t.debtEndMp),
    metersWithNegativeBalanceAtEnd: t.negativeBalanceAtEnd,
    overchargedAtOldPricePounds: pounds(t.overchargeMp),
    metersOvercharged: t.metersOvercharged,
  };
}

export interface StudyFigures {
  format: 'nowan-study-figures/1';
  params: StudyParams;
  seed: number;
  meters: number;
  runOnce: number;
  event: { start: string; end: string; snapStart: string; snapEnd: string; coldestStart: string; coldestEnd: string; announce: string; capAt: string };
  figures: { with: ArmFigures; without: ArmFigures; difference: ArmFigures };
  series: {
    /** customers off supply, averaged over each hour of the study */
    customersOffSupplyByHour: { with: number[]; without: number[] };
    hoursOffBins: string[];
    hoursOffHistogram: { with: number[]; without: number[] };
  };
  totals: StudyTotals;
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

export function studyFigures(p: StudyParams, e: EventTimes, t: StudyTotals): StudyFigures {
  const w = armFigures(t.with);
  const wo = armFigures(t.without);
  const difference = Object.fromEntries(Object.keys(w).map((k) => [k, Math.round(((w as never)[k] - (wo as never)[k]) * 100) / 100])) as unknown as ArmFigures;
  const perHour = (a: ArmTotals) => a.offPerHour.map((s) => Math.round((s / HOUR) * 10) / 10);
  return {
    format: 'nowan-study-figures/1',
    params: p,
    seed: p.seed,
    meters: t.meters,
    runOnce: t.runOnce,
    event: {
      start: iso(e.start),
      end: iso(e.end),
      snapStart: iso(e.snapStart),
      snapEnd: iso(e.snapEnd),
      coldestStart: iso(e.coldestStart),
      coldestEnd: iso(e.coldestEnd),
      announce: iso(e.announce),
      capAt: iso(e.capAt),
    },
    figures: { with: w, without: wo, difference },
    series: {
      customersOffSupplyByHour: { with: perHour(t.with), without: perHour(t.without) },
      hoursOffBins: [...HOURS_OFF_BINS.map((b, i) => `${i === 0 ? 0 : HOURS_OFF_BINS[i - 1]}-${b} h`), `over ${HOURS_OFF_BINS.at(-1)} h`],
      hoursOffHistogram: { with: t.with.hoursOffHistogram, without: t.without.hoursOffHistogram },
    },
    totals: t,
  };
}
