// The effects of each command (prepayment.md section 6, tokens.md table 6), as domain operations on a
// draft state. The token and envelope layers decode and authenticate; this file only applies.
import { clearedFriendlyCredit, clearedNonDisconnect } from './calendar.js';
import { fromLocal } from './clock.js';
import { creditOf, noteCreditDrop } from './charges.js';
import { evaluateCredit } from './credit.js';
import { DEBT_PERIODS, withPaymentDebt, withTimeDebt } from './debt.js';
import { DEVICE_CLASSES, MAX_HAN_DEVICES } from './han.js';
import type { Source } from './keypad.js';
import { penceToMp } from './money.js';
import { changePaymentMode } from './payment-mode.js';
import { copyConfig, setConfig } from './settings.js';
import type { MeterState } from './state.js';
import { supplyCommand } from './supply.js';
import { clearedTouSwitch, schedulePrice, withTariff } from './tariff.js';
import { revertToDefaults } from './tenancy.js';
import { applyTopUp } from './topup.js';
import { SET_CONFIG_PARAMETERS, type Command } from './tokens/command-table.js';

export type Rejection = 'maxCredit' | 'maxBalance' | 'zeroPrice' | 'hanFull';

/** A top-up, or one of table 6's commands. */
export type DomainCommand = Command | { name: 'TopUp'; fields: { amountPence: number } };

export interface CommandContext {
  source: Source | 'envelope';
  utrnCounter: number;
}

const signed = (sign: number, value: number) => (sign === 1 ? -value : value);

/**
 * Apply one command to the draft state. Returns a rejection (and the caller discards the draft), or
 * null once applied. Fields are assumed range-checked (command-table.ts `fieldError`).
 */
export function applyCommand(s: MeterState, cmd: DomainCommand, ctx: CommandContext): Rejection | null {
  switch (cmd.name) {
    case 'TopUp':
      return applyTopUp(s, penceToMp(cmd.fields.amountPence), ctx.source, ctx.utrnCounter);
    case 'DeductCredit': {
      const f = cmd.fields;
      const before = creditOf(s);
      s.meterBalance -= penceToMp(f.amount);
      noteCreditDrop(s, before);
      break;
    }
    case 'SetCredit': {
      const f = cmd.fields;
      const value = signed(f.sign, penceToMp(f.amount));
      if (value > s.config.maxMeterBalance) return 'maxBalance';
      const before = creditOf(s);
      s.meterBalance = value;
      noteCreditDrop(s, before);
      break;
    }
    case 'AddDebt':
    case 'DeductDebt': {
      const f = cmd.fields;
      const delta = cmd.name === 'AddDebt' ? penceToMp(f.amount) : -penceToMp(f.amount);
      adjustDebt(s, f.register, delta);
      break;
    }
    case 'SetDebt': {
      const f = cmd.fields;
      const amount = penceToMp(f.amount);
      if (f.register === 2) {
        withPaymentDebt(s, { amount, rateBp: f.rate });
      } else {
        withTimeDebt(s, f.register, { amount, rate: penceToMp(f.rate), period: DEBT_PERIODS[f.period]! });
      }
      break;
    }
    case 'OpenHan': {
      const f = cmd.fields;
      if (s.han.devices.length >= MAX_HAN_DEVICES) return 'hanFull';
      s.han = { joinWindow: { until: s.time + f.minutes * 60, deviceClass: DEVICE_CLASSES[f.deviceClass]! }, devices: s.han.devices };
      break;
    }
    case 'ChangeMode': {
      const f = cmd.fields;
      if (f.mode === 1) {
        changePaymentMode(s, 'prepayment');
        const config = copyConfig(s.config);
        config.suspendDebtDisabled = f.suspendDebtDisabled === 1;
        config.suspendDebtEmergency = f.suspendDebtEmergency === 1;
        config.disablementThreshold = signed(f.sign, penceToMp(f.disablementThreshold));
        s.config = config;
      } else {
        changePaymentMode(s, 'credit');
      }
      break;
    }
    case 'Supply': {
      const f = cmd.fields;
      supplyCommand(s, (['arm', 'disable', 'enable'] as const)[f.action]!, ctx.source);
      break;
    }
    case 'SetConfig': {
      const f = cmd.fields;
      setConfig(s, SET_CONFIG_PARAMETERS[f.parameter]!, signed(f.sign, penceToMp(f.value)));
      break;
    }
    case 'ChangePrice': {
      const f = cmd.fields;
      if (f.element < 8 && f.price === 0) return 'zeroPrice';
      const at = f.activationDay === 0 ? s.time : fromLocal(f.activationDay, f.activationMinute);
      schedulePrice(s, f.element, f.price, at);
      break;
    }
    case 'SetTouSwitch': {
      const f = cmd.fields;
      s.tariff = withTariff(s.tariff, { touSwitch: withSlot(s.tariff.touSwitch, f.slot, f.enabled
        ? { enabled: true, daysMask: f.daysMask, startMinute: f.startMinute, rate: f.rate + 1 }
        : clearedTouSwitch()) });
      break;
    }
    case 'SetFriendlyCredit': {
      const f = cmd.fields;
      const friendlyCredit = withSlot(s.calendars.friendlyCredit, f.slot, f.enabled
        ? { enabled: true, daysMask: f.daysMask, startMinute: f.startMinute, endMinute: f.endMinute }
        : clearedFriendlyCredit());
      s.calendars = { friendlyCredit, nonDisconnect: s.calendars.nonDisconnect };
      break;
    }
    case 'SetNonDisconnect': {
      const f = cmd.fields;
      const nonDisconnect = withSlot(s.calendars.nonDisconnect, f.slot, f.enabled
        ? { enabled: true, start: fromLocal(f.startDay, f.startMinute), end: fromLocal(f.endDay, f.endMinute) }
        : clearedNonDisconnect());
      s.calendars = { friendlyCredit: s.calendars.friendlyCredit, nonDisconnect };
      break;
    }
    case 'RevertToDefaults': {
      const f = cmd.fields;
      revertToDefaults(s, f.scope, f.tenancyDay, ctx.utrnCounter);
      break;
    }
  }
  evaluateCredit(s);
  return null;
}

/** A new slot list with one slot replaced: drafts share slot lists with the state they came from. */
function withSlot<T>(slots: readonly T[], slot: number, value: T): T[] {
  const out = slots.slice();
  out[slot] = value;
  return out;
}

/** AddDebt/DeductDebt on register 0/1 (time debts), 2 (payment debt) or 3 (accumulated debt). */
function adjustDebt(s: MeterState, register: number, delta: number): void {
  const floor0 = (v: number) => Math.max(0, v);
  if (register === 2) withPaymentDebt(s, { amount: floor0(s.paymentDebt.amount + delta) });
  else if (register === 3) s.accumulatedDebt = floor0(s.accumulatedDebt + delta);
  else withTimeDebt(s, register, { amount: floor0(s.timeDebt[register]!.amount + delta) });
}
