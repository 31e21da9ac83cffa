// The supplier's side of the study: tokens issued for one meter's key set (the only place the study
// reaches the issuing code). Counters are handed out by the caller, each once.
import type { CommandName } from '../../firmware/tokens/command-table.js';
import { issueToken } from '../../vending/issue.js';
import { partyOfKeys } from '../../vending/party.js';
import type { MeterKeys } from './population.js';

export type Issuer = (command: CommandName | 'TopUp', fields: Record<string, number>, utrnCounter: number) => string;

export function issuerFor(keys: MeterKeys): Issuer {
  const party = partyOfKeys(keys);
  return (command, fields, counter) => issueToken(party, command, fields, counter).token;
}
