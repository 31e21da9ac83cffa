// SUP-: emergency credit, low credit, disablement, arm/enable, supply commands, modes (prepayment.md 4, 6).
import { advance, cmd, CODES, ev, load, meter, read, T0, token, utrn, type Step, type VectorSource } from './common.js';

const v = (n: number, title: string, notes: string, m: Record<string, unknown>, steps: Step[], refs = ['prepayment.md 4'], time = T0): VectorSource => ({
  id: `SUP-${String(n).padStart(3, '0')}`,
  title,
  notes,
  refs,
  tags: ['supply', 'credit'],
  meter: meter(m),
  time,
  steps,
});

const A = (accepted: boolean, where = 'meter', reason?: string): Step => ({ op: 'button', button: 'A', where, expect: reason ? { ok: true, accepted, reason } : { ok: true, accepted } });
const B = (accepted: boolean, where = 'meter', reason?: string): Step => ({ op: 'button', button: 'B', where, expect: reason ? { ok: true, accepted, reason } : { ok: true, accepted } });
const T1 = '2026-02-02T08:00:01Z';

export const sup: VectorSource[] = [
  v(1, 'A reset with a zero balance makes EC available and logs it', 'meterBalance 0 < EC threshold 100,000 (prepayment.md 2, reset).', {}, [read({ emergencyCredit: { state: 'available', balance: 1_000_000 }, events: [ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable)] })], ['prepayment.md 2', 'prepayment.md 4']),
  v(2, 'Button A is refused when EC is not available', 'Balance 500,000 >= threshold: EC unavailable.', { meterBalance: 500_000 }, [A(false, 'meter', 'ecNotAvailable'), read({ emergencyCredit: { state: 'unavailable' }, events: [] })], ['clarifications.md 28']),
  v(3, 'Button A activates available EC; credit includes its balance', 'Balance 50,000: EC available; activated: balance 1,000,000.', { meterBalance: 50_000 }, [A(true), read({ emergencyCredit: { state: 'active', balance: 1_000_000 }, events: [ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev(T0, 'emergencyCreditActivated', CODES.emergencyCreditActivated)] }), A(false, 'meter', 'ecNotAvailable')]),
  v(4, 'EC from the PPMID is allowed (gas too)', 'A local request is meter button A or the PPMID.', { fuel: 'gas', meterBalance: 50_000 }, [A(true, 'ppmid'), read({ emergencyCredit: { state: 'active' } })]),
  v(5, 'EC lifecycle under load: available, activated, low credit, exhausted, disabled', '10 mp/s (36,000 mp/kWh, 1 kW). From 150,000: below 100,000 after 50,001 mp = 5,001 s (09:23:21). At 09:30 balance 96,000, A. Balance lasts 9,600 s (12:10:00); EC 1,000,000 to midnight (42,600 s) -> 574,000; standing 60,000 -> 514,000; below 200,000 credit after 314,001 mp = 31,401 s (08:43:21); exhausted after 51,400 s (14:16:40); -10 at 14:16:41 -> disabled.',
    { meterBalance: 150_000, tariff: { prices: [36_000] } },
    [load(1000), advance('2026-02-02T09:30:00Z'), A(true), advance('2026-02-03T23:00:00Z'), read({
      meterBalance: -10,
      emergencyCredit: { state: 'exhausted', balance: 0 },
      supply: 'disabled',
      disableReason: 'credit',
      events: [
        ev('2026-02-02T09:23:21Z', 'emergencyCreditAvailable', CODES.emergencyCreditAvailable),
        ev('2026-02-02T09:30:00Z', 'emergencyCreditActivated', CODES.emergencyCreditActivated),
        ev('2026-02-03T08:43:21Z', 'lowCredit', CODES.lowCredit),
        ev('2026-02-03T14:16:40Z', 'emergencyCreditExhausted', CODES.emergencyCreditExhausted),
        ev('2026-02-03T14:16:41Z', 'belowDisablementThreshold', CODES.belowDisablementThreshold),
        ev('2026-02-03T14:16:41Z', 'supplyDisabled', CODES.supplyDisabled),
      ],
    })]),
  v(6, 'A top-up repays exhausted EC first, then the balance; the supply arms', 'A = 1,234,000: EC 0 -> 1,000,000 (unavailable), 234,000 to -10 = 233,990; credit >= 0: armed.', { meterBalance: -10, emergencyCredit: { state: 'exhausted', balance: 0 }, supply: 'disabled', disableReason: 'credit' },
    [token('73947252416745201637', { result: 'Accepted' }), read({ meterBalance: 233_990, emergencyCredit: { state: 'unavailable', balance: 1_000_000 }, supply: 'armed', disableReason: null }), B(true), read({ supply: 'enabled' })], ['prepayment.md 5']),
  v(7, 'A small top-up only partly repays exhausted EC: it stays exhausted and the supply off', 'A = 500,000 -> EC 0 -> 500,000, nothing left; credit = -10 (exhausted EC not spendable) < 0.', { meterBalance: -10, emergencyCredit: { state: 'exhausted', balance: 0 }, supply: 'disabled', disableReason: 'credit' },
    [token(utrn(1, 500), { result: 'Accepted' }), read({ meterBalance: -10, emergencyCredit: { state: 'exhausted', balance: 500_000 }, supply: 'disabled' })], ['prepayment.md 5']),
  v(8, 'A top-up returns an unused active EC to unavailable', 'Balance 50,000, A: active at the limit. Step 3 repays min(1,234,000, 0) = 0: at the limit -> unavailable; 1,284,000 to the balance.', { meterBalance: 50_000 },
    [A(true), { op: 'advance', seconds: 1, expect: { ok: true } }, token('73947252416745201637', { result: 'Accepted' }), read({ meterBalance: 1_284_000, emergencyCredit: { state: 'unavailable', balance: 1_000_000 } })], ['prepayment.md 4', 'prepayment.md 5']),
  v(9, 'Active EC returned by a small top-up becomes available again when the balance is still low', 'Balance 10,000, A; +1 s, top-up 50 p: EC at limit -> unavailable; balance 60,000 < 100,000 -> available (logged at 08:00:01).', { meterBalance: 10_000 },
    [A(true), { op: 'advance', seconds: 1, expect: { ok: true } }, token(utrn(1, 50), { result: 'Accepted' }), read({ meterBalance: 60_000, emergencyCredit: { state: 'available', balance: 1_000_000 }, events: [ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev(T0, 'emergencyCreditActivated', CODES.emergencyCreditActivated), ev(T1, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev(T1, 'creditAddedLocally', CODES.creditAddedLocally)] })], ['prepayment.md 5']),
  v(10, 'EC available returns to unavailable when a top-up lifts the balance before activation', 'Balance 0 -> available; +1,234,000 >= threshold -> unavailable, no event.', {}, [token('73947252416745201637', { result: 'Accepted' }), read({ emergencyCredit: { state: 'unavailable' } })]),
  v(11, 'Disablement under load at the first second credit is below the threshold', '10 mp/s from 10,000: 0 at 1,000 s, -10 at 1,001 s = 08:16:41.', { meterBalance: 10_000, tariff: { prices: [36_000] } },
    [load(1000), advance('2026-02-02T09:00:00Z'), read({ meterBalance: -10, supply: 'disabled', disableReason: 'credit', energy: { importJ: 1_001_000 }, events: [ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev('2026-02-02T08:16:41Z', 'belowDisablementThreshold', CODES.belowDisablementThreshold), ev('2026-02-02T08:16:41Z', 'supplyDisabled', CODES.supplyDisabled)] })]),
  v(12, 'A negative disablement threshold lets the balance run below zero', 'Threshold -500,000: a balance of -400,000 keeps the supply on.', { meterBalance: -400_000, config: { disablementThreshold: -500_000 } }, [read({ supply: 'enabled' })]),
  v(13, 'A commissioned negative balance disables the supply for credit at reset', '-50,000 < 0.', { meterBalance: -50_000 }, [read({ supply: 'disabled', disableReason: 'credit' })]),
  v(14, 'An armed supply is enabled by button B at the meter', 'Top-up arms; B enables.', { meterBalance: -50_000 }, [token('73947252416745201637', { result: 'Accepted' }), read({ supply: 'armed', meterBalance: 1_184_000 }), B(true), read({ supply: 'enabled' })]),
  v(15, 'Electricity: an armed supply may be enabled from the PPMID', 'prepayment.md 4.', { meterBalance: -50_000 }, [token('73947252416745201637', { result: 'Accepted' }), B(true, 'ppmid'), read({ supply: 'enabled' })]),
  v(16, 'Gas: enabling from the PPMID is refused (gasLocalOnly), at the meter it works', 'Gas is enabled only at the meter, for safety.', { fuel: 'gas', meterBalance: -50_000 }, [token('73947252416745201637', { result: 'Accepted' }), B(false, 'ppmid', 'gasLocalOnly'), read({ supply: 'armed' }), B(true, 'meter'), read({ supply: 'enabled' })]),
  v(17, 'Button B on a supply that is not armed is refused', 'notArmed (clarifications 28).', { meterBalance: 500_000 }, [B(false, 'meter', 'notArmed')], ['clarifications.md 28']),
  v(18, 'Supply disable: reason command; a top-up does not re-arm it; arm then B enables', 'Only Supply arm/enable tokens leave a command disablement.', { meterBalance: 500_000, utrnCounters: [100] },
    [token(cmd('Supply', 101, { action: 1 }), { result: 'Accepted' }), read({ supply: 'disabled', disableReason: 'command' }), token(utrn(102, 100), { result: 'Accepted' }), read({ supply: 'disabled', disableReason: 'command', meterBalance: 600_000 }), token(cmd('Supply', 103, { action: 0 }), { result: 'Accepted' }), read({ supply: 'armed', disableReason: null }), B(true), read({ supply: 'enabled' })], ['prepayment.md 4']),
  v(19, 'Supply enable from the keypad enables a gas supply', 'The meter\'s own keypad is local.', { fuel: 'gas', supply: 'disabled', meterBalance: 500_000, utrnCounters: [100] }, [token(cmd('Supply', 101, { action: 2 }), { result: 'Accepted' }), read({ supply: 'enabled', disableReason: null })], ['prepayment.md 4']),
  v(20, 'Supply enable relayed by the PPMID arms a gas supply instead', 'prepayment.md 4: for gas a Supply enable not from the meter\'s keypad arms.', { fuel: 'gas', supply: 'disabled', meterBalance: 500_000, utrnCounters: [100] }, [token(cmd('Supply', 101, { action: 2 }), { result: 'Accepted' }, 'ppmid'), read({ supply: 'armed' })], ['prepayment.md 4']),
  v(21, 'Supply disable on a supply disabled for credit changes the reason without another event', 'clarifications 14.', { meterBalance: -50_000, utrnCounters: [100] },
    [{ op: 'advance', seconds: 1, expect: { ok: true } }, token(cmd('Supply', 101, { action: 1 }), { result: 'Accepted' }), read({ supply: 'disabled', disableReason: 'command', events: [ev(T0, 'belowDisablementThreshold', CODES.belowDisablementThreshold), ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev(T0, 'supplyDisabled', CODES.supplyDisabled)] })], ['clarifications.md 14']),
  v(22, 'ChangeMode to credit arms a supply disabled for credit', 'In credit mode a supply disabled for credit is armed.', { meterBalance: -50_000, utrnCounters: [100] }, [token(cmd('ChangeMode', 101, { mode: 0, suspendDebtDisabled: 0, suspendDebtEmergency: 0, sign: 0, disablementThreshold: 0 }), { result: 'Accepted' }), read({ paymentMode: 'credit', supply: 'armed' })], ['prepayment.md 4', 'prepayment.md 6']),
  v(23, 'ChangeMode to prepayment sets the suspend flags and a negative threshold', 'threshold sign 1, 300 p -> -300,000; then section 4: -50,000 >= -300,000 stays enabled.', { paymentMode: 'credit', meterBalance: -50_000, utrnCounters: [100] }, [token(cmd('ChangeMode', 101, { mode: 1, suspendDebtDisabled: 0, suspendDebtEmergency: 1, sign: 1, disablementThreshold: 300 }), { result: 'Accepted' }), read({ paymentMode: 'prepayment', supply: 'enabled', config: { suspendDebtDisabled: false, suspendDebtEmergency: true, disablementThreshold: -300_000 } })], ['prepayment.md 6']),
  v(24, 'A supply commissioned disabled without a reason has reason command', 'clarifications 15: a top-up does not arm it.', { supply: 'disabled', meterBalance: 500_000 }, [read({ disableReason: 'command' }), token(utrn(1, 100), { result: 'Accepted' }), read({ supply: 'disabled' })], ['clarifications.md 15']),
  v(25, 'A lower EC limit caps an active EC balance', 'Active EC 1,000,000; SetConfig parameter 0 to 500 p -> 500,000.', { meterBalance: 50_000, utrnCounters: [100] }, [A(true), token(cmd('SetConfig', 101, { parameter: 0, sign: 0, value: 500 }), { result: 'Accepted' }), read({ emergencyCredit: { state: 'active', balance: 500_000 }, config: { emergencyCreditLimit: 500_000 } })], ['clarifications.md 13']),
  v(26, 'SetCredit above maxMeterBalance is Rejected maxBalance', '1500 p = 1,500,000 > 1,000,000.', { config: { maxMeterBalance: 1_000_000 }, utrnCounters: [10] }, [token('05649 24687 05124 34288 92951 12092 08863 01852', { result: 'Rejected', reason: 'maxBalance' }), read({ meterBalance: 0 })], ['prepayment.md 6']),
  v(27, 'A top-up is rejected when the balance was already above a lowered maximum', 'clarifications 16: 600,000 + 0 > 500,000.', { meterBalance: 600_000, config: { maxMeterBalance: 500_000 } }, [token(utrn(1, 0), { result: 'Rejected', reason: 'maxBalance' })], ['clarifications.md 16']),
  v(28, 'DeductCredit taking credit below the low-credit threshold logs lowCredit', '300,000 - 250,000 = 50,000 < 200,000 and < EC threshold.', { meterBalance: 300_000, utrnCounters: [9] }, [{ op: 'advance', seconds: 1, expect: { ok: true } }, token('05483 09083 56625 61489 92716 21178 10112 02581', { result: 'Accepted' }), read({ meterBalance: 50_000, events: [ev(T1, 'lowCredit', CODES.lowCredit), ev(T1, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable)] })], ['prepayment.md 4']),
  v(29, 'Raising the low-credit threshold never raises lowCredit', 'SetConfig lowCreditThreshold 5000 p: credit 300,000 is below it but nothing is logged.', { meterBalance: 300_000, utrnCounters: [100] }, [token(cmd('SetConfig', 101, { parameter: 2, sign: 0, value: 5000 }), { result: 'Accepted' }), read({ events: [], config: { lowCreditThreshold: 5_000_000 } })], ['prepayment.md 4']),
  v(30, 'Raising the EC threshold makes EC available (section 4 re-evaluated)', 'SetConfig emergencyCreditThreshold 5000 p: 300,000 < 5,000,000.', { meterBalance: 300_000, utrnCounters: [100] }, [token(cmd('SetConfig', 101, { parameter: 1, sign: 0, value: 5000 }), { result: 'Accepted' }), read({ emergencyCredit: { state: 'available' } })], ['prepayment.md 6']),
];
