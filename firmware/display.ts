// The meter's display lines (informative, tokens.md section 9).
import { creditOf } from './charges.js';
import { totalDebt } from './debt.js';
import { formatPounds } from './money.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export interface DisplaySlice {
  /** The display message of the last keypad/PPMID action (informative). */
  message: string;
}
import { activeRate, activePrice } from './tariff.js';
import { periodInForce } from './calendar.js';

const EC_WORDS = { unavailable: '', available: 'EMERGENCY AVAILABLE - PRESS A', active: 'EMERGENCY CREDIT IN USE', exhausted: 'EMERGENCY CREDIT USED' } as const;

/** The meter's standing lines: credit, emergency credit, debt, rate, supply. */
export function statusLines(s: MeterState): string[] {
  const lines: string[] = [];
  lines.push(s.paymentMode === 'credit' ? 'CREDIT MODE' : `CREDIT ${formatPounds(creditOf(s))}`);
  const ec = EC_WORDS[s.emergencyCredit.state];
  if (ec) lines.push(`${ec} ${formatPounds(s.emergencyCredit.balance)}`);
  const debt = totalDebt(s);
  if (debt > 0) lines.push(`DEBT ${formatPounds(debt)}`);
  const rate = activeRate(s.tariff, s.time);
  lines.push(`RATE ${rate} ${(activePrice(s.tariff, s.time) / 1000).toFixed(3)}p/kWh`);
  const supply = s.supply === 'enabled' ? 'SUPPLY ON' : s.supply === 'armed' ? 'SUPPLY ARMED - PRESS B' : 'SUPPLY OFF';
  lines.push(periodInForce(s.calendars, s.time) ? `${supply} (FRIENDLY)` : supply);
  return lines;
}

/** The standing lines and the message of the last keypad or PPMID action. */
export function displayLines(s: MeterState): string[] {
  return s.message ? [...statusLines(s), s.message] : statusLines(s);
}

export const DISPLAY: Section<keyof DisplaySlice, { display: string[] }> = {
  owns: ['message'],
  factory: () => ({ message: '' }),
  readout: (s) => ({ display: displayLines(s) }),
};
