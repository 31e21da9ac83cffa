// The severe-weather event in time: the study span, the cold snap and its coldest days, when the
// supplier acts, the cap date; and the temperature hour by hour.
import { DAY, EPOCH_2000, HOUR, fromLocal, parseIso, toLocal } from '../../firmware/clock.js';
import type { StudyParams } from './params.js';

export interface EventTimes {
  start: number;
  end: number;
  hours: number;
  snapStart: number;
  snapEnd: number;
  /** the snap's full-depth days (all of it when it lasts two days or less) */
  coldestStart: number;
  coldestEnd: number;
  /** when the supplier acts: leadHours before the snap */
  announce: number;
  /** the new unit price applies from here (local midnight of the cap date) */
  capAt: number;
  /** the price change is sent here */
  priceSentAt: number;
}

export function eventTimes(p: StudyParams): EventTimes {
  const start = parseIso(p.start)!;
  const day0 = toLocal(start).day;
  const { coldSnapStartDay: first, coldSnapDays: n } = p.weather;
  const snapStart = fromLocal(day0 + first, 0);
  const snapEnd = fromLocal(day0 + first + n, 0);
  const edge = n > 2 ? 1 : 0;
  const capDay = (parseIso(`${p.supplier.capDate}T00:00:00Z`)! - EPOCH_2000) / DAY;
  const capAt = fromLocal(capDay, 0);
  return {
    start,
    end: start + p.days * DAY,
    hours: p.days * 24,
    snapStart,
    snapEnd,
    coldestStart: fromLocal(day0 + first + edge, 0),
    coldestEnd: fromLocal(day0 + first + n - edge, 0),
    announce: Math.max(start, snapStart - p.supplier.leadHours * HOUR),
    capAt,
    priceSentAt: Math.max(start, capAt - p.supplier.priceNoticeDays * DAY),
  };
}

/**
 * Outdoor temperature (deg C) at instant t: the base daily mean, lowered during the snap (60% of the
 * drop on its first and last day when it lasts more than two, the full drop between), with a daily
 * swing of +/-3 C peaking at 15:00 local.
 */
export function temperatureC(p: StudyParams, e: EventTimes, t: number): number {
  const local = toLocal(t);
  let mean = p.weather.baseTempC;
  if (t >= e.snapStart && t < e.snapEnd) mean -= p.weather.dropC * (t >= e.coldestStart && t < e.coldestEnd ? 1 : 0.6);
  return mean + 3 * Math.cos((2 * Math.PI * (local.secondOfDay / HOUR - 15)) / 24);
}
