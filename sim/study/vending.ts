// The supplier's side of the study: tokens issued for one meter's key set (the only place the study
// reaches the issuing code). Counters are handed out by the caller, each once.
import { issueUtrn } from '../../firmware/tokens/gbcs.js';
import { issueCommandToken } from '../../firmware/tokens/nowan.js';
import { makeParty } from '../../firmware/tokens/party.js';
import type { CommandName } from '../../firmware/tokens/command-table.js';
import type { MeterKeys } from './population.js';

export type Issuer = (command: CommandName | 'TopUp', fields: Record<string, number>, utrnCounter: number) => string;

export function issuerFor(keys: MeterKeys): Issuer {
  const party = makeParty(keys.originatorId, keys.deviceId, keys.sharedSecret);
  return (command, fields, counter) => (command === 'TopUp' ? issueUtrn(party, counter, 'pounds', fields.pounds!).token : issueCommandToken(party, counter, command, fields).token);
}
