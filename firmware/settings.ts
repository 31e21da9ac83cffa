// The meter's configurable limits and thresholds (prepayment.md section 2), set at commissioning, by
// SetConfig and ChangeMode, and restored by RevertToDefaults. Factory defaults are nowan's.
import { creditOf, noteCreditDrop } from './charges.js';
import { bool, int, mp, mpPos, obj, pick } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';
import type { SET_CONFIG_PARAMETERS } from './tokens/command-table.js';

export interface MeterConfig {
  emergencyCreditLimit: number;
  emergencyCreditThreshold: number;
  lowCreditThreshold: number;
  disablementThreshold: number;
  maxMeterBalance: number;
  maxCreditThreshold: number;
  debtRecoveryRateCap: number;
  paymentDebtWeeklyCap: number;
  suspendDebtDisabled: boolean;
  suspendDebtEmergency: boolean;
  lockoutThreshold: number;
  lockoutMinutes: number;
}

export interface SettingsSlice {
  /** replaced, never changed in place: shared by drafts until an input sets a parameter */
  config: Readonly<MeterConfig>;
}

const POUND = 100_000; // mp

/** Each parameter's factory default and how a configuration gives it. */
const PARAMETERS: { [K in keyof MeterConfig]: [MeterConfig[K], (v: unknown, p: string) => MeterConfig[K]] } = {
  emergencyCreditLimit: [10 * POUND, mpPos],
  emergencyCreditThreshold: [1 * POUND, mp],
  lowCreditThreshold: [2 * POUND, mp],
  disablementThreshold: [0, mp],
  maxMeterBalance: [500 * POUND, mp],
  maxCreditThreshold: [250 * POUND, mpPos],
  debtRecoveryRateCap: [10 * POUND, mpPos],
  paymentDebtWeeklyCap: [20 * POUND, mpPos],
  suspendDebtDisabled: [true, bool],
  suspendDebtEmergency: [true, bool],
  lockoutThreshold: [5, (v, p) => int(v, p, 1, 1000)],
  lockoutMinutes: [60, (v, p) => int(v, p, 1, 1440)],
};

/** A copy of the configuration to change, then put in place of the old (always of one shape). */
export function copyConfig(c: Readonly<MeterConfig>): MeterConfig {
  return {
    emergencyCreditLimit: c.emergencyCreditLimit,
    emergencyCreditThreshold: c.emergencyCreditThreshold,
    lowCreditThreshold: c.lowCreditThreshold,
    disablementThreshold: c.disablementThreshold,
    maxMeterBalance: c.maxMeterBalance,
    maxCreditThreshold: c.maxCreditThreshold,
    debtRecoveryRateCap: c.debtRecoveryRateCap,
    paymentDebtWeeklyCap: c.paymentDebtWeeklyCap,
    suspendDebtDisabled: c.suspendDebtDisabled,
    suspendDebtEmergency: c.suspendDebtEmergency,
    lockoutThreshold: c.lockoutThreshold,
    lockoutMinutes: c.lockoutMinutes,
  };
}

/** Factory defaults (prepayment.md section 2, "Factory defaults (nowan)"). */
export function factoryConfig(): MeterConfig {
  const c = {} as Record<keyof MeterConfig, unknown>;
  for (const [key, [value]] of Object.entries(PARAMETERS)) c[key as keyof MeterConfig] = value;
  return copyConfig(c as MeterConfig);
}

const PARSERS = Object.fromEntries(Object.entries(PARAMETERS).map(([key, [, parse]]) => [key, parse])) as { [K in keyof MeterConfig]: (v: unknown, p: string) => MeterConfig[K] };

export const SETTINGS: Section<keyof SettingsSlice, SettingsSlice> = {
  owns: ['config'],
  factory: () => ({ config: factoryConfig() }),
  configure: (s, m) => {
    if (m.config === undefined) return;
    const config = copyConfig(s.config);
    pick(config, obj(m.config, 'meter.config'), 'meter.config', PARSERS);
    s.config = config;
  },
  readout: (s) => ({ config: copyConfig(s.config) }),
};

/**
 * SetConfig; a new EC limit becomes the balance of an idle EC and caps a used one (clarifications 13).
 * Capping an active EC lowers credit, which can raise `lowCredit` (clarifications 29); a change of
 * `lowCreditThreshold` itself never does, as the crossing is judged against the threshold now in force.
 */
export function setConfig(s: MeterState, parameter: (typeof SET_CONFIG_PARAMETERS)[number], valueMp: number): void {
  const before = creditOf(s);
  const config = copyConfig(s.config);
  config[parameter] = valueMp;
  s.config = config;
  if (parameter === 'emergencyCreditLimit') {
    const ec = s.emergencyCredit;
    if (ec.state === 'unavailable' || ec.state === 'available') ec.balance = valueMp;
    else ec.balance = Math.min(ec.balance, valueMp);
  }
  noteCreditDrop(s, before);
}
