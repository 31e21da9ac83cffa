// Result codes of tokens.md section 7 and their display words (section 9, informative).
import { fromLocal, localDayMonth } from '../clock.js';
import type { DomainCommand, Rejection } from '../commands.js';
import { formatPounds, penceToMp } from '../money.js';
import type { MeterState } from '../state.js';

export type ResultCode =
  | 'KeypadLocked'
  | 'Incomplete'
  | 'CheckDigitError'
  | 'FormatError'
  | 'Duplicate'
  | 'Expired'
  | 'Invalid'
  | 'Rejected'
  | 'Accepted';

export interface TokenOutcome {
  result: ResultCode;
  reason?: Rejection;
  /** 1-based, only with CheckDigitError */
  block?: number;
  /** 0-based command index, only for an envelope FormatError or Rejected at a command */
  index?: number;
  /** why, for people (never which MAC check failed) */
  message: string;
  /** the display line (informative) */
  display: string;
}

const REJECTION_WORDS: Record<Rejection, string> = {
  maxCredit: 'ACCOUNT HIGH',
  maxBalance: 'ACCOUNT HIGH',
  zeroPrice: 'REJECTED',
  hanFull: 'HAN FULL',
};

export function rejectionDisplay(r: Rejection): string {
  return REJECTION_WORDS[r];
}

/** Words shown for each rejection (tokens.md section 9). */
export const WORDS: Partial<Record<ResultCode, string>> = {
  Incomplete: 'INCOMPLETE',
  FormatError: 'INVALID',
  Duplicate: 'DUPLICATE',
  Expired: 'EXPIRED',
  Invalid: 'INVALID',
};

export function lockedWords(s: MeterState, until: number): string {
  return `KEY LOCKED ${Math.max(1, Math.ceil((until - s.time) / 60))} MIN`;
}

/** What an accepted command shows (tokens.md section 9), given the state it left. */
export function acceptedDisplay(cmd: DomainCommand, after: MeterState): string {
  switch (cmd.name) {
    case 'TopUp':
      return `ADDED ${formatPounds(penceToMp(cmd.fields.amountPence))}`;
    case 'DeductCredit':
      return `DEDUCTED ${formatPounds(penceToMp(cmd.fields.amount))}`;
    case 'SetCredit':
      return `SET ${formatPounds((cmd.fields.sign ? -1 : 1) * penceToMp(cmd.fields.amount))}`;
    case 'AddDebt':
      return `DEBT ADDED ${formatPounds(penceToMp(cmd.fields.amount))}`;
    case 'DeductDebt':
      return `DEBT DEDUCTED ${formatPounds(penceToMp(cmd.fields.amount))}`;
    case 'SetDebt':
      return 'DEBT SET';
    case 'ChangePrice':
      return cmd.fields.activationDay === 0 ? 'PRICE SET' : `PRICE SET FROM ${localDayMonth(fromLocal(cmd.fields.activationDay, cmd.fields.activationMinute))}`;
    case 'OpenHan':
      return `HAN OPEN ${cmd.fields.minutes} MIN`;
    case 'ChangeMode':
      return cmd.fields.mode ? 'MODE PREPAY' : 'MODE CREDIT';
    case 'Supply':
      // A relayed enable of a gas meter only arms it (prepayment.md): say what to do next.
      return cmd.fields.action === 2 && after.supply === 'armed' ? 'SUPPLY ARMED - PRESS B' : ['SUPPLY ARM', 'SUPPLY OFF', 'SUPPLY ON'][cmd.fields.action]!;
    case 'SetConfig':
      return 'SETTING CHANGED';
    case 'SetTouSwitch':
      return 'TARIFF SET';
    case 'SetFriendlyCredit':
      return 'FRIENDLY HOURS SET';
    case 'SetNonDisconnect':
      return 'NO-CUT PERIOD SET';
    case 'RevertToDefaults':
      return 'NEW TENANCY';
  }
}
