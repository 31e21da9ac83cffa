// Steps 4 and 5 of tokens.md section 7 for either digit family: decode the token and recover its full
// counter from the highest accepted one; and the MAC check of step 6. The meter (enter.ts) and the
// inspector (inspect.ts) both run exactly these.
import type { DomainCommand } from '../commands.js';
import { ok, type Result } from '../result.js';
import { recoverCounter } from './counter-cache.js';
import { dataDigits } from './digits.js';
import { decodeUtrn, utrnPence, verifyingAad, type Ptut } from './gbcs.js';
import { fullTag, macMatches, tokenKey, type Party } from './kdf.js';
import { commandAad, decodeCommandToken, type DecodedCommandToken } from './nowan.js';

export type DecodedToken =
  | { family: 'gbcs'; utrn: Ptut; command: DomainCommand; truncatedCounter: number; counterBits: 10; counter: number }
  | { family: 'nowan'; tok: DecodedCommandToken; command: DomainCommand; truncatedCounter: number; counterBits: 16; counter: number };

/** Decode 20, 40 or 60 digits whose check digits are right, or say why it is a FormatError. */
export function decodeToken(digits: string, highestCounter: number): Result<DecodedToken, 'FormatError'> {
  if (digits.length === 20) {
    const decoded = decodeUtrn(digits);
    if (!decoded.ok) return decoded;
    const utrn = decoded.value;
    const counter = recoverCounter(highestCounter, utrn.truncatedCounter, 10);
    return ok({ family: 'gbcs', utrn, command: { name: 'TopUp', fields: { amountPence: utrnPence(utrn) } }, truncatedCounter: utrn.truncatedCounter, counterBits: 10, counter });
  }
  const decoded = decodeCommandToken(dataDigits(digits), digits.length as 40 | 60);
  if (!decoded.ok) return decoded;
  const tok = decoded.value;
  return ok({ family: 'nowan', tok, command: tok.command, truncatedCounter: tok.counterLow, counterBits: 16, counter: recoverCounter(highestCounter, tok.counterLow, 16) });
}

/** Step 6: the received MAC equals the last bytes of the GCM tag under this counter's key. */
export function macVerifies(party: Party, d: DecodedToken): boolean {
  const key = tokenKey(party, d.counter);
  if (d.family === 'gbcs') return macMatches(fullTag(party, key, verifyingAad(party, d.counter, d.utrn.high)), d.utrn.mac);
  const { layout, body, mac } = d.tok;
  return macMatches(fullTag(party, key, commandAad(party, d.counter, layout, body)), mac);
}
