// Each rule of prepayment.md, with expected numbers worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { device, readout } from './helpers.js';

/** 36,000 mp/kWh at 1,000 W is exactly 10 mp per second (36,000 x 1,000 / 3,600,000). */
const TEN_MP_PER_SECOND = { tariff: { prices: [36_000] } };

const UTRN_1234P = '73947252416745201637'; // GBCS published: counter 4, 1234 pennies

/** Rate 1 (10,000 mp/kWh) from 00:00 local, rate 2 (30,000) from 07:00 local, every day. */
const TOU_DAY = {
  prices: [10_000, 30_000],
  touSwitch: [
    { enabled: true, daysMask: 127, startMinute: 0, rate: 1 },
    { enabled: true, daysMask: 127, startMinute: 420, rate: 2 },
  ],
};

const names = (r: any) => r.events.map((e: any) => `${e.time} ${e.name}`);

describe('section 1: energy cost is exact', () => {
  it('PAY-000: 2 kW for 3 h at 24.500 p/kWh after a 1234 p top-up', () => {
    const d = device();
    expect((d.handle({ op: 'token', digits: '73947 25241 67452 01637', source: 'keypad' }) as any).result).toBe('Accepted');
    d.handle({ op: 'load', watts: 2000 });
    d.handle({ op: 'advance', seconds: 10_800 });
    const r = readout(d);
    // 6 kWh x 24,500 mp = 147,000 mp; 1,234,000 - 147,000 = 1,087,000
    expect(r.meterBalance).toBe(1_087_000);
    expect(r.energy.importJ).toBe(21_600_000);
  });

  it('a year at constant load charges exactly floor(price x energy / 3.6e6), to the milli-penny', () => {
    const d = device({ meterBalance: 400_000_000, tariff: { prices: [24_567], standingCharge: 0 } }, '2026-01-01T00:00:00Z');
    d.handle({ op: 'load', watts: 1234 });
    d.handle({ op: 'advance', to: '2027-01-01T00:00:00Z' });
    const r = readout(d);
    // 365 days = 31,536,000 s; 1,234 W -> 38,915,424,000 J
    const energyJ = 1234n * 31_536_000n;
    expect(r.energy.importJ).toBe(Number(energyJ));
    // closed form: 24,567 x 38,915,424,000 = 956,035,221,408,000; / 3,600,000 = 265,565,339.28
    const cost = (24_567n * energyJ) / 3_600_000n;
    expect(cost).toBe(265_565_339n);
    expect(r.meterBalance).toBe(400_000_000 - 265_565_339);
  });

  it('a full day at a TOU tariff across the spring BST change (a 23-hour day)', () => {
    // rate 1 (10,000 mp/kWh) from 00:00 local, rate 2 (30,000) from 07:00 local, 1 kW.
    const d = device(
      {
        meterBalance: 10_000_000,
        tariff: TOU_DAY,
      },
      '2026-03-29T00:00:00Z',
    );
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', seconds: 6 * 3600 - 1 });
    expect(readout(d).tariff.activeRate).toBe(1);
    d.handle({ op: 'advance', seconds: 1 });
    expect(readout(d).tariff.activeRate).toBe(2); // 07:00 BST = 06:00 UTC
    d.handle({ op: 'advance', to: '2026-03-29T23:00:00Z' }); // next local midnight (BST)
    const r = readout(d);
    // 00:00Z-06:00Z 6 kWh x 10,000 = 60,000; 06:00Z-23:00Z 17 kWh x 30,000 = 510,000;
    // standing charge at 23:00Z 60,000. 10,000,000 - 630,000 = 9,370,000
    expect(r.meterBalance).toBe(9_370_000);
    expect(r.energy.importJ).toBe(23 * 3600 * 1000);
    expect(r.tariff.activeRate).toBe(1);
  });

  it('a full day at a TOU tariff across the autumn BST change (a 25-hour day)', () => {
    const d = device(
      {
        meterBalance: 10_000_000,
        tariff: TOU_DAY,
      },
      '2026-10-24T23:00:00Z', // local midnight of Sunday 25 October (BST)
    );
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', to: '2026-10-26T00:00:00Z' });
    // 23:00Z-07:00Z (07:00 GMT) 8 kWh x 10,000 = 80,000; 07:00Z-00:00Z 17 kWh x 30,000 = 510,000;
    // standing charge at 00:00Z 60,000. 10,000,000 - 650,000 = 9,350,000
    expect(readout(d).meterBalance).toBe(9_350_000);
  });

  it('boundaries are half-open: none at the reset instant, the advance target is included', () => {
    const d = device({ meterBalance: 1_000_000 }, '2026-02-03T00:00:00Z');
    expect(readout(d).meterBalance).toBe(1_000_000);
    d.handle({ op: 'advance', to: '2026-02-04T00:00:00Z' });
    expect(readout(d).meterBalance).toBe(940_000); // one standing charge of 60,000
  });

  it('a threshold crossing under constant load is stamped at the first whole second it holds', () => {
    const d = device({ meterBalance: 300_000, ...TEN_MP_PER_SECOND });
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', seconds: 20_000 });
    // credit below 200,000 needs 100,001 mp: ceil(100,001 / 10) = 10,001 s after 08:00:00 = 10:46:41
    // EC available below 100,000 needs 200,001 mp: 20,001 s, after the advance.
    expect(names(readout(d))).toEqual(['2026-02-02T10:46:41Z lowCredit']);
  });
});

describe('section 3: standing charge and time debts', () => {
  it('two time debts at midnight with the daily cap, then a register completed', () => {
    const d = device(
      {
        meterBalance: 5_000_000,
        config: { debtRecoveryRateCap: 1_000_000 },
        timeDebt: [
          { amount: 1_000_000, rate: 600_000, period: 'daily' },
          { amount: 2_000_000, rate: 700_000, period: 'daily' },
        ],
      },
      '2026-02-02T12:00:00Z',
    );
    d.handle({ op: 'advance', to: '2026-02-03T00:00:00Z' });
    let r = readout(d);
    // standing 60,000; debt 1 min(600,000, 1,000,000, cap 1,000,000) = 600,000;
    // debt 2 min(700,000, 2,000,000, cap left 400,000) = 400,000. 5,000,000 - 1,060,000 = 3,940,000
    expect(r.meterBalance).toBe(3_940_000);
    expect(r.timeDebt.map((t: any) => t.amount)).toEqual([400_000, 1_600_000]);
    d.handle({ op: 'advance', to: '2026-02-04T00:00:00Z' });
    r = readout(d);
    // cap resets: debt 1 min(600,000, 400,000, 1,000,000) = 400,000 (completed); debt 2 min(700,000,
    // 1,600,000, 600,000) = 600,000. 3,940,000 - 60,000 - 1,000,000 = 2,880,000
    expect(r.meterBalance).toBe(2_880_000);
    expect(r.timeDebt.map((t: any) => t.amount)).toEqual([0, 1_000_000]);
    expect(r.events).toContainEqual({ time: '2026-02-04T00:00:00Z', code: 0x81a7, name: 'debtCollectionCompleted' });
  });

  it('hourly time debt is taken at each UTC :00', () => {
    const d = device({ meterBalance: 1_000_000, timeDebt: [{ amount: 50_000, rate: 10_000, period: 'hourly' }] }, '2026-02-02T08:30:00Z');
    d.handle({ op: 'advance', to: '2026-02-02T11:00:00Z' });
    // 09:00, 10:00, 11:00: 3 x 10,000 = 30,000
    expect(readout(d).timeDebt[0].amount).toBe(20_000);
    expect(readout(d).meterBalance).toBe(970_000);
  });

  it('weekly time debt is taken at Monday 00:00 local only', () => {
    const d = device({ meterBalance: 1_000_000, tariff: { standingCharge: 0 }, timeDebt: [{ amount: 50_000, rate: 20_000, period: 'weekly' }] }, '2026-02-02T08:00:00Z');
    d.handle({ op: 'advance', to: '2026-02-08T23:59:59Z' }); // reset on Monday 2 February at 08:00
    expect(readout(d).timeDebt[0].amount).toBe(50_000);
    d.handle({ op: 'advance', seconds: 1 }); // Monday 9 February 00:00
    expect(readout(d).timeDebt[0].amount).toBe(30_000);
  });

  it('instalments are skipped (not deferred) while the supply is disabled', () => {
    const d = device({ meterBalance: 1_000_000, supply: 'disabled', timeDebt: [{ amount: 50_000, rate: 10_000, period: 'daily' }] }, '2026-02-02T12:00:00Z');
    d.handle({ op: 'advance', to: '2026-02-04T00:00:00Z' });
    const r = readout(d);
    expect(r.timeDebt[0].amount).toBe(50_000);
    expect(r.meterBalance).toBe(1_000_000 - 2 * 60_000); // standing charges still taken
  });

  it('in credit mode nothing is charged but energy is recorded', () => {
    const d = device({ paymentMode: 'credit', meterBalance: 0, timeDebt: [{ amount: 50_000, rate: 10_000, period: 'daily' }] }, '2026-02-02T12:00:00Z');
    d.handle({ op: 'load', watts: 500 });
    d.handle({ op: 'advance', to: '2026-02-03T12:00:00Z' });
    const r = readout(d);
    expect(r.meterBalance).toBe(0);
    expect(r.timeDebt[0].amount).toBe(50_000);
    expect(r.energy.importJ).toBe(500 * 86_400);
    expect(r.supply).toBe('enabled');
    // and a `consume` lump is recorded, not charged, too
    d.handle({ op: 'consume', wh: 1000 });
    expect(readout(d).meterBalance).toBe(0);
    expect(readout(d).energy.importJ).toBe(500 * 86_400 + 3_600_000);
  });
});

describe('section 4: emergency credit, low credit, disablement', () => {
  it('EC becomes available, is activated, exhausted, then repaid by a top-up in the section 5 order', () => {
    const d = device({ meterBalance: 150_000, ...TEN_MP_PER_SECOND });
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', to: '2026-02-02T09:30:00Z' });
    let r = readout(d);
    // below 100,000 after 50,001 mp: 5,001 s -> 09:23:21; at 09:30:00 (5,400 s) 150,000 - 54,000 = 96,000
    expect(r.events[0]).toEqual({ time: '2026-02-02T09:23:21Z', code: 0x8119, name: 'emergencyCreditAvailable' });
    expect(r.meterBalance).toBe(96_000);
    expect(d.handle({ op: 'button', button: 'A', where: 'meter' })).toEqual({ ok: true, accepted: true });
    r = readout(d);
    expect(r.emergencyCredit).toEqual({ state: 'active', balance: 1_000_000 });
    d.handle({ op: 'advance', to: '2026-02-03T23:00:00Z' });
    r = readout(d);
    // balance 96,000 lasts 9,600 s (to 12:10:00); EC from 12:10:00 to 00:00 (42,600 s) 426,000 -> 574,000;
    // standing charge 60,000 -> 514,000; low credit (200,000) after 314,001 mp: 31,401 s -> 08:43:21;
    // exhausted after 51,400 s -> 14:16:40; at 14:16:41 the balance is -10 and the supply is disabled.
    expect(names(r).slice(1)).toEqual([
      '2026-02-02T09:30:00Z emergencyCreditActivated',
      '2026-02-03T08:43:21Z lowCredit',
      '2026-02-03T14:16:40Z emergencyCreditExhausted',
      '2026-02-03T14:16:41Z belowDisablementThreshold',
      '2026-02-03T14:16:41Z supplyDisabled',
    ]);
    expect(r.meterBalance).toBe(-10);
    expect(r.emergencyCredit).toEqual({ state: 'exhausted', balance: 0 });
    expect(r.supply).toBe('disabled');
    expect(r.disableReason).toBe('credit');
    // Top-up 1234 p: EC repaid first (1,000,000), the rest 234,000 to the balance: -10 + 234,000.
    expect((d.handle({ op: 'token', digits: '73947252416745201637' }) as any).result).toBe('Accepted');
    r = readout(d);
    expect(r.emergencyCredit).toEqual({ state: 'unavailable', balance: 1_000_000 });
    expect(r.meterBalance).toBe(233_990);
    expect(r.supply).toBe('armed');
    expect(d.handle({ op: 'button', button: 'B', where: 'meter' })).toEqual({ ok: true, accepted: true });
    expect(readout(d).supply).toBe('enabled');
  });

  it('EC activation is refused when EC is not available', () => {
    const d = device({ meterBalance: 500_000 });
    expect(d.handle({ op: 'button', button: 'A' })).toEqual({ ok: true, accepted: false, reason: 'ecNotAvailable' });
  });

  it('disablement is deferred by a friendly-credit period and applied at its end', () => {
    // Monday 16:00-20:00 friendly credit; 10,000 mp at 10 mp/s runs out at 16:16:40.
    const d = device({
      meterBalance: 10_000,
      ...TEN_MP_PER_SECOND,
      calendars: { friendlyCredit: [{ enabled: true, daysMask: 31, startMinute: 960, endMinute: 1200 }] },
    }, '2026-02-02T16:00:00Z');
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', to: '2026-02-02T19:59:59Z' });
    let r = readout(d);
    expect(r.supply).toBe('enabled');
    expect(r.calendars.inForce).toBe(true);
    d.handle({ op: 'advance', to: '2026-02-02T21:00:00Z' });
    r = readout(d);
    // charges continue: 4 h = 14,400 s x 10 = 144,000; 10,000 - 144,000 = -134,000 at 20:00
    expect(r.supply).toBe('disabled');
    expect(r.meterBalance).toBe(-134_000);
    expect(r.events.filter((e: any) => e.name === 'supplyDisabled')).toEqual([{ time: '2026-02-02T20:00:00Z', code: 3, name: 'supplyDisabled' }]);
  });

  it('a non-disconnect period keeps the supply on through its end', () => {
    const d = device({
      meterBalance: -50_000,
      calendars: { nonDisconnect: [{ enabled: true, start: '2026-02-02T00:00:00Z', end: '2026-02-03T00:00:00Z' }] },
    }, '2026-02-02T08:00:00Z');
    expect(readout(d).supply).toBe('enabled');
    d.handle({ op: 'advance', to: '2026-02-03T00:00:00Z' });
    expect(readout(d).supply).toBe('disabled');
  });

  it('arm then enable: electricity from the PPMID is allowed, gas only at the meter', () => {
    for (const fuel of ['electricity', 'gas'] as const) {
      const d = device({ fuel, meterBalance: -50_000 });
      expect(readout(d).supply).toBe('disabled');
      d.handle({ op: 'token', digits: '73947252416745201637' }); // 1,234,000 mp
      expect(readout(d).supply).toBe('armed');
      const fromPpmid = d.handle({ op: 'button', button: 'B', where: 'ppmid' });
      if (fuel === 'electricity') {
        expect(fromPpmid).toEqual({ ok: true, accepted: true });
      } else {
        expect(fromPpmid).toEqual({ ok: true, accepted: false, reason: 'gasLocalOnly' });
        expect(readout(d).supply).toBe('armed');
        expect(d.handle({ op: 'button', button: 'B', where: 'meter' })).toEqual({ ok: true, accepted: true });
      }
      expect(readout(d).supply).toBe('enabled');
    }
  });

  it('button B on a supply that is not armed is refused', () => {
    expect(device().handle({ op: 'button', button: 'B' })).toEqual({ ok: true, accepted: false, reason: 'notArmed' });
  });

  it('a reset with a zero balance makes EC available and logs it', () => {
    expect(readout(device()).events).toEqual([{ time: '2026-02-02T08:00:00Z', code: 0x8119, name: 'emergencyCreditAvailable' }]);
  });
});

describe('section 5: top-up allocation', () => {
  it('accumulated debt first, then payment debt at its rate, then the balance', () => {
    const d = device({ accumulatedDebt: 200_000, paymentDebt: { amount: 8_000_000, rateBp: 1000 } });
    d.handle({ op: 'token', digits: UTRN_1234P });
    const r = readout(d);
    // A = 1,234,000: accumulated 200,000; payment floor(1,234,000 x 1000 / 10000) = 123,400;
    // balance 1,234,000 - 323,400 = 910,600
    expect(r.accumulatedDebt).toBe(0);
    expect(r.paymentDebt).toEqual({ amount: 7_876_600, rateBp: 1000, recoveredThisWeek: 123_400 });
    expect(r.meterBalance).toBe(910_600);
    expect(r.topUps).toEqual([{ time: '2026-02-02T08:00:00Z', amount: 1_234_000, source: 'keypad', utrnCounter: 4 }]);
  });

  it('payment debt is capped by the weekly cap', () => {
    const d = device({ paymentDebt: { amount: 8_000_000, rateBp: 5000, recoveredThisWeek: 1_900_000 } });
    d.handle({ op: 'token', digits: UTRN_1234P });
    // share 617,000 but cap left 2,000,000 - 1,900,000 = 100,000
    expect(readout(d).meterBalance).toBe(1_134_000);
  });

  it('Rejected maxCredit above the largest single top-up, maxBalance above the maximum balance', () => {
    let d = device({ config: { maxCreditThreshold: 1_000_000 } });
    expect(d.handle({ op: 'token', digits: UTRN_1234P })).toMatchObject({ result: 'Rejected', reason: 'maxCredit' });
    d = device({ meterBalance: 49_000_000 });
    expect(d.handle({ op: 'token', digits: UTRN_1234P })).toMatchObject({ result: 'Rejected', reason: 'maxBalance' });
    expect(readout(d).meterBalance).toBe(49_000_000);
    expect(readout(d).utrnCounters).toEqual([]);
  });
});

describe('section 8: power', () => {
  it('a power cut stops consumption; boundaries during the cut are still processed', () => {
    const d = device({ meterBalance: 1_000_000, ...TEN_MP_PER_SECOND }, '2026-02-02T23:00:00Z');
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', seconds: 600 }); // 6,000 mp
    d.handle({ op: 'power', on: false });
    d.handle({ op: 'advance', to: '2026-02-03T01:00:00Z' }); // midnight: standing charge 60,000
    expect(d.handle({ op: 'token', digits: UTRN_1234P })).toMatchObject({ ok: false, error: { code: 'powerOff' } });
    d.handle({ op: 'power', on: true });
    const r = readout(d);
    expect(r.meterBalance).toBe(1_000_000 - 6_000 - 60_000);
    expect(r.energy.importJ).toBe(600 * 1000);
    expect(names(r).slice(-2)).toEqual(['2026-02-02T23:10:00Z powerOff', '2026-02-03T01:00:00Z powerOn']);
  });
});
