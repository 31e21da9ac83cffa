// What each command-token field means, its unit and its range (tokens.md table 6 and section 6), for
// `token issue --help`; and the flag spelling (kebab-case, the camelCase table name kept as an alias).

const PENCE = 'pence, 0..16777215';
const MINUTE = 'minutes after local midnight, 0..1439';
const DAY = 'days since 2000-01-01 local time, 0..65535';

export const FIELD_HELP: Readonly<Record<string, string>> = {
  amount: `DeductCredit, SetCredit, AddDebt, DeductDebt, SetDebt: ${PENCE}`,
  sign: 'SetCredit, ChangeMode, SetConfig: 1 makes the amount negative, 0..1',
  register: 'AddDebt, DeductDebt: 0 time debt 1, 1 time debt 2, 2 payment debt, 3 accumulated debt; SetDebt: 0..2',
  minutes: 'OpenHan: how long the join window stays open, minutes 1..255',
  deviceClass: 'OpenHan: 0 any, 1 IHD, 2 PPMID, 3 CAD, 4 gas meter',
  mode: 'ChangeMode: 0 credit, 1 prepayment',
  suspendDebtDisabled: 'ChangeMode: 1 stops debt recovery while the supply is off, 0..1',
  suspendDebtEmergency: 'ChangeMode: 1 stops debt recovery while emergency credit is in use, 0..1',
  disablementThreshold: `ChangeMode: ${PENCE} (with --sign 1, below zero)`,
  action: 'Supply: 0 arm, 1 disable, 2 enable',
  parameter:
    'SetConfig: 0 emergencyCreditLimit, 1 emergencyCreditThreshold, 2 lowCreditThreshold, 3 maxMeterBalance, 4 maxCreditThreshold, 5 debtRecoveryRateCap, 6 disablementThreshold, 7 paymentDebtWeeklyCap',
  value: `SetConfig: ${PENCE} (debtRecoveryRateCap: pence per day)`,
  rate: 'SetDebt: pence per period 0..65535 (register 2: basis points of each top-up, 0..10000); SetTouSwitch: rate 1..8 given as 0..7',
  period: 'SetDebt: 0 hourly, 1 daily, 2 weekly (register 2: 0)',
  element: 'ChangePrice: 0..7 TOU rate 1..8, 8 standing charge',
  price: 'ChangePrice: milli-pence per kWh (standing charge: per day), 0..16777215',
  activationDay: `ChangePrice: ${DAY}; 0 now (with minute 0)`,
  activationMinute: `ChangePrice: ${MINUTE}`,
  slot: 'SetTouSwitch: 0..15; SetFriendlyCredit, SetNonDisconnect: 0..7',
  enabled: 'SetTouSwitch, SetFriendlyCredit, SetNonDisconnect: 1 sets the slot, 0 clears it',
  daysMask: 'SetTouSwitch, SetFriendlyCredit: days of the week, bit 0 Monday .. bit 6 Sunday, 1..127',
  startMinute: `SetTouSwitch, SetFriendlyCredit, SetNonDisconnect: ${MINUTE}`,
  endMinute: `SetFriendlyCredit, SetNonDisconnect: ${MINUTE} (friendly: at or before the start spans midnight)`,
  startDay: `SetNonDisconnect: ${DAY}`,
  endDay: `SetNonDisconnect: ${DAY}`,
  scope: 'RevertToDefaults: bits 0 balances, 1 debts, 2 tariff, 3 calendars, 4 config, 5 logs, 6 HAN devices, 1..127',
  tenancyDay: `RevertToDefaults: ${DAY}; 0 today`,
};

/** `activationDay` -> `activation-day`: the spelling commander users expect on the command line. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
