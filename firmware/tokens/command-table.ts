// nowan command tokens, table 6 of tokens.md: code, length and payload fields, MSB first.

/** A row of table 6. `fields` are [name, bit width] in payload order. */
export interface CommandSpec {
  name: string;
  code: number;
  digits: 40 | 60;
  fields: readonly (readonly [string, number])[];
}

export const COMMANDS = [
  { name: 'DeductCredit', code: 0x01, digits: 40, fields: [['amount', 24]] },
  { name: 'SetCredit', code: 0x02, digits: 40, fields: [['sign', 1], ['amount', 24]] },
  { name: 'AddDebt', code: 0x03, digits: 40, fields: [['register', 2], ['amount', 24]] },
  { name: 'DeductDebt', code: 0x04, digits: 40, fields: [['register', 2], ['amount', 24]] },
  { name: 'OpenHan', code: 0x05, digits: 40, fields: [['minutes', 8], ['deviceClass', 3]] },
  {
    name: 'ChangeMode',
    code: 0x06,
    digits: 40,
    fields: [['mode', 1], ['suspendDebtDisabled', 1], ['suspendDebtEmergency', 1], ['sign', 1], ['disablementThreshold', 24]],
  },
  { name: 'Supply', code: 0x07, digits: 40, fields: [['action', 2]] },
  { name: 'SetConfig', code: 0x08, digits: 40, fields: [['parameter', 4], ['sign', 1], ['value', 24]] },
  { name: 'SetDebt', code: 0x10, digits: 60, fields: [['register', 2], ['amount', 24], ['rate', 16], ['period', 2]] },
  {
    name: 'ChangePrice',
    code: 0x11,
    digits: 60,
    fields: [['element', 4], ['price', 24], ['activationDay', 16], ['activationMinute', 11]],
  },
  {
    name: 'SetTouSwitch',
    code: 0x12,
    digits: 60,
    fields: [['slot', 4], ['enabled', 1], ['daysMask', 7], ['startMinute', 11], ['rate', 3]],
  },
  {
    name: 'SetFriendlyCredit',
    code: 0x13,
    digits: 60,
    fields: [['slot', 3], ['enabled', 1], ['daysMask', 7], ['startMinute', 11], ['endMinute', 11]],
  },
  {
    name: 'SetNonDisconnect',
    code: 0x14,
    digits: 60,
    fields: [['slot', 3], ['enabled', 1], ['startDay', 16], ['startMinute', 11], ['endDay', 16], ['endMinute', 11]],
  },
  { name: 'RevertToDefaults', code: 0x15, digits: 60, fields: [['scope', 8], ['tenancyDay', 16]] },
] as const satisfies readonly CommandSpec[];

type Row = (typeof COMMANDS)[number];
export type CommandName = Row['name'];

/** A command's fields, named by its row of table 6: every field present, each an unsigned integer. */
export type FieldsOf<N extends CommandName> = { [F in Extract<Row, { name: N }>['fields'][number][0]]: number };

/** One decoded command; `switch (cmd.name)` narrows `cmd.fields` to that command's own fields. */
export type Command = { [N in CommandName]: { name: N; fields: FieldsOf<N> } }[CommandName];

export const COMMAND_BY_CODE = new Map<number, Row>(COMMANDS.map((c) => [c.code, c]));
export const COMMAND_BY_NAME = new Map<CommandName, Row>(COMMANDS.map((c) => [c.name, c]));

/**
 * A typed command from a row of table 6 and the values a decoder read for it. The one place a
 * decoder's record becomes a `Command`: both decoders (digits, envelope) and the issuer fill `values` by walking
 * `spec.fields`, so every field the type names is there.
 */
export function commandOf(spec: Row, values: Record<string, number>): Command {
  return { name: spec.name, fields: values } as Command;
}

export const SET_CONFIG_PARAMETERS = [
  'emergencyCreditLimit',
  'emergencyCreditThreshold',
  'lowCreditThreshold',
  'maxMeterBalance',
  'maxCreditThreshold',
  'debtRecoveryRateCap',
  'disablementThreshold',
  'paymentDebtWeeklyCap',
] as const;

const MINUTES_PER_DAY = 1440;

/**
 * The field range rules of tokens.md section 6 that the bit widths do not already enforce.
 * Returns a message naming the field, or null when the command is well formed.
 */
export function fieldError(cmd: Command): string | null {
  const named: Readonly<Record<string, number>> = cmd.fields;
  for (const name of ['activationMinute', 'startMinute', 'endMinute']) {
    const minute = named[name];
    if (minute !== undefined && minute >= MINUTES_PER_DAY) return `${name} ${minute} is not below 1440`;
  }
  switch (cmd.name) {
    case 'OpenHan': {
      const f = cmd.fields;
      if (f.minutes === 0) return 'OpenHan minutes must be 1..255';
      if (f.deviceClass > 4) return `OpenHan deviceClass ${f.deviceClass} is not 0..4`;
      return null;
    }
    case 'Supply':
      return cmd.fields.action === 3 ? 'Supply action 3 is undefined' : null;
    case 'ChangePrice': {
      const f = cmd.fields;
      if (f.element > 8) return `ChangePrice element ${f.element} is not 0..8`;
      if (f.activationDay === 0 && f.activationMinute !== 0) return 'ChangePrice activation day 0 (now) needs minute 0';
      return null;
    }
    case 'SetConfig': {
      const f = cmd.fields;
      if (f.parameter > 7) return `SetConfig parameter ${f.parameter} is not 0..7`;
      if (f.sign === 1 && f.parameter !== 6) return 'SetConfig sign 1 is only allowed for disablementThreshold';
      return null;
    }
    case 'SetDebt': {
      const f = cmd.fields;
      if (f.register === 3) return 'SetDebt register 3 (accumulated debt) is not allowed';
      if (f.period === 3) return 'SetDebt period 3 is undefined';
      if (f.register === 2 && (f.rate > 10_000 || f.period !== 0)) return 'SetDebt payment debt needs rate 0..10000 bp and period 0';
      return null;
    }
    case 'ChangeMode': {
      const f = cmd.fields;
      if (f.mode === 0 && (f.suspendDebtDisabled || f.suspendDebtEmergency || f.sign || f.disablementThreshold)) {
        return 'ChangeMode to credit takes no other fields';
      }
      return null;
    }
    case 'SetTouSwitch':
    case 'SetFriendlyCredit':
      return cmd.fields.enabled === 1 && cmd.fields.daysMask === 0 ? `${cmd.name} enabled with days mask 0` : null;
    case 'SetNonDisconnect': {
      const f = cmd.fields;
      if (f.enabled === 1) {
        const start = f.startDay * MINUTES_PER_DAY + f.startMinute;
        const end = f.endDay * MINUTES_PER_DAY + f.endMinute;
        if (end <= start) return 'SetNonDisconnect end is not after its start';
      }
      return null;
    }
    case 'RevertToDefaults': {
      const f = cmd.fields;
      if (f.scope === 0) return 'RevertToDefaults scope 0';
      if ((f.scope & 0x80) !== 0) return 'RevertToDefaults scope bit 7 is undefined';
      return null;
    }
    default:
      return null;
  }
}
