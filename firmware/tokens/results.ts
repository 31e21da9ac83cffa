// Result codes of tokens.md section 7 and their display words (section 9, informative).
import type { Rejection } from '../commands.js';

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
