// One way to issue a digit token: a GBCS UTRN for a top-up, a nowan command token for the rest.
// The request is checked before any counter is spent; the caller must never reuse a counter.
import type { CommandName } from '../firmware/tokens/command-table.js';
import { groupDigits } from '../firmware/tokens/digits.js';
import type { Party } from '../firmware/tokens/kdf.js';
import { commandPayload, signCommand } from './command-token.js';
import { partyOfKeys, type VendingKeys } from './party.js';
import { issueUtrn, utrnValue } from './utrn.js';

export const MAX_COUNTER = 0xffff_ffff;

export interface IssuedToken {
  /** digits without spaces */
  token: string;
  /** digits in groups of 5 */
  grouped: string;
  utrnCounter: number;
  /** the AAD and full GCM tag the MAC is cut from (public, for checking an implementation) */
  aad: Uint8Array;
  tag: Uint8Array;
  /** a command token's body */
  body?: Uint8Array;
}

/**
 * Check a request now and return what issues it under a counter, so that nothing is allocated for
 * a request that cannot be issued. `TopUp` takes `pence` or `pounds` (0..8191); every other command
 * of tokens.md table 6 its fields by name. Throws a RangeError naming the bad field.
 */
export function prepareToken(command: CommandName | 'TopUp', fields: Record<string, unknown>): (keys: VendingKeys | Party, utrnCounter: number) => IssuedToken {
  let sign: (party: Party, utrnCounter: number) => { token: string; aad: Uint8Array; tag: Uint8Array; body?: Uint8Array };
  if (command === 'TopUp') {
    const extra = Object.keys(fields).find((k) => k !== 'pence' && k !== 'pounds');
    if (extra !== undefined) throw new RangeError(`TopUp has no field "${extra}"`);
    const { valueClass, value } = utrnValue(fields);
    sign = (party, counter) => issueUtrn(party, counter, valueClass, value);
  } else {
    const payload = commandPayload(command, fields);
    sign = (party, counter) => signCommand(party, counter, command, payload);
  }
  return (keys, utrnCounter) => {
    if (!Number.isInteger(utrnCounter) || utrnCounter < 1 || utrnCounter > MAX_COUNTER) throw new RangeError(`"utrnCounter" must be 1..${MAX_COUNTER}, got ${utrnCounter}`);
    const party = keys.sharedSecret instanceof Uint8Array ? (keys as Party) : partyOfKeys(keys as VendingKeys);
    const t = sign(party, utrnCounter);
    return { token: t.token, grouped: groupDigits(t.token), utrnCounter, aad: t.aad, tag: t.tag, ...(t.body ? { body: t.body } : {}) };
  };
}

/** Issue one token under `utrnCounter` for a key set (parsed once) or a party. */
export function issueToken(keys: VendingKeys | Party, command: CommandName | 'TopUp', fields: Record<string, unknown>, utrnCounter: number): IssuedToken {
  return prepareToken(command, fields)(keys, utrnCounter);
}
