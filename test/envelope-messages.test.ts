// Why an envelope is refused (tokens.md 8, clarifications 26 and 32): each check in order has its own
// message, so a supplier's log says which rule an envelope broke. Signed with the test signing key.
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { signCompact } from '../vending/envelope.js';
import { device, readout, RTDS } from './helpers.js';

const SK = hexToBytes('f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1');
const PK = 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148';
const header = { alg: 'EdDSA', typ: 'nowan-cmd+jws', kid: RTDS.originatorId };
const payload = (extra: Record<string, unknown> = {}) => ({ v: 1, originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, utrnCounter: 5, commands: [{ name: 'TopUp', amountPence: 100 }], ...extra });
const send = (jws: string, meter: Record<string, unknown> = {}) => device({ supplierSigningPublicKey: PK, ...meter }).handle({ op: 'envelope', jws }) as any;
const HEADER_RULE = 'header is not {alg EdDSA, typ nowan-cmd+jws, kid originatorId}';

describe('each refusal names its rule', () => {
  it.each([
    ['two parts', 'abc.def', 'envelope is not three base64url parts'],
    ['four parts', 'a.b.c.d', 'envelope is not three base64url parts'],
    ['a part that is not base64url', 'ab$.cd.ef', 'envelope part is not base64url'],
    ['a payload that is not an object', signCompact(header, [1], SK), 'header or payload is not a JSON object'],
    ['alg', signCompact({ ...header, alg: 'none' }, payload(), SK), HEADER_RULE],
    ['typ', signCompact({ ...header, typ: 'JWT' }, payload(), SK), HEADER_RULE],
    ['kid not a string', signCompact({ ...header, kid: 5 }, payload(), SK), HEADER_RULE],
    ['kid of another supplier', signCompact({ ...header, kid: '0000000000000001' }, payload(), SK), HEADER_RULE],
    ['an extra header key', signCompact({ ...header, x: 1 }, payload(), SK), HEADER_RULE],
    ['v', signCompact(header, payload({ v: '1' }), SK), 'payload v is not 1'],
    ['no commands', signCompact(header, payload({ commands: [] }), SK), 'commands must be 1 to 16'],
    ['17 commands', signCompact(header, payload({ commands: Array(17).fill({ name: 'TopUp', amountPence: 1 }) }), SK), 'commands must be 1 to 16'],
    ['commands not a list', signCompact(header, payload({ commands: { name: 'TopUp', amountPence: 1 } }), SK), 'commands must be 1 to 16'],
    ['counter -1', signCompact(header, payload({ utrnCounter: -1 }), SK), 'utrnCounter is not an integer 0..2^32-1'],
    ['counter a string', signCompact(header, payload({ utrnCounter: '5' }), SK), 'utrnCounter is not an integer 0..2^32-1'],
    ['originatorId not a string', signCompact(header, payload({ originatorId: 1 }), SK), 'originatorId and deviceId must be strings'],
    ['a signature by another key', signCompact(header, payload(), hexToBytes('22'.repeat(32))), 'signature not valid'],
    ['another meter', signCompact(header, payload({ deviceId: '00DB1234567890A1' }), SK), 'envelope is for another meter'],
    ['another supplier in the payload', signCompact(header, payload({ originatorId: '0000000000000001' }), SK), 'envelope is for another meter'],
  ])('%s', (_what, jws, message) => {
    expect(send(jws).message).toBe(message);
  });

  it('16 commands are fine; lower-case ids match', () => {
    const sixteen = payload({ commands: Array(16).fill({ name: 'TopUp', amountPence: 1 }), originatorId: RTDS.originatorId.toLowerCase(), deviceId: RTDS.deviceId.toLowerCase() });
    expect(send(signCompact({ ...header, kid: RTDS.originatorId.toLowerCase() }, sixteen, SK))).toMatchObject({ result: 'Accepted' });
  });

  it('without a configured signing key every envelope is Invalid (clarifications 26)', () => {
    const d = device();
    expect(d.handle({ op: 'envelope', jws: signCompact(header, payload(), SK) })).toMatchObject({ result: 'Invalid', message: 'signature not valid' });
  });

  it('a command refused by the meter names its index and reason, and nothing is applied', () => {
    const jws = signCompact(header, payload({ commands: [{ name: 'TopUp', amountPence: 100 }, { name: 'SetCredit', sign: 0, amount: 60_000 }] }), SK);
    const d = device({ supplierSigningPublicKey: PK });
    // SetCredit of 60,000 p = 60,000,000 mp is above the default maximum balance of £500
    expect(d.handle({ op: 'envelope', jws })).toMatchObject({ result: 'Rejected', reason: 'maxBalance', index: 1, message: 'command 1 rejected: maxBalance', display: ['ACCOUNT HIGH'] });
    expect(readout(d).meterBalance).toBe(0);
  });

  it('a counter already used, and one at the floor', () => {
    expect(send(signCompact(header, payload(), SK), { utrnCounters: [5] })).toMatchObject({ result: 'Duplicate', message: 'counter 5 was already used' });
    expect(send(signCompact(header, payload(), SK), { counterFloor: 5 })).toMatchObject({ result: 'Expired', message: 'counter 5 is too old' });
  });
});

describe('an envelope is all or nothing (tokens.md 8 step 6)', () => {
  it('a refused last command leaves prices, TOU slots, debts and their log exactly as they were', () => {
    const d = device({ supplierSigningPublicKey: PK, paymentDebt: { amount: 1_000_000, rateBp: 5000 } });
    const before = readout(d);
    const commands = [
      { name: 'SetTouSwitch', slot: 0, enabled: 1, daysMask: 127, startMinute: 60, rate: 3 },
      { name: 'TopUp', amountPence: 100 }, // takes payment debt: a debt-recovery record
      { name: 'ChangePrice', element: 0, price: 99_000, activationDay: 0, activationMinute: 0 },
      { name: 'SetCredit', sign: 0, amount: 60_000 }, // above the £500 maximum: Rejected
    ];
    expect(d.handle({ op: 'envelope', jws: signCompact(header, payload({ commands }), SK) })).toMatchObject({ result: 'Rejected', index: 3 });
    const after = readout(d);
    expect(after.tariff).toEqual(before.tariff);
    expect(after.debtRecovery).toEqual([]);
    expect(after.paymentDebt).toEqual(before.paymentDebt);
    expect(after.utrnCounters).toEqual([]);
  });

  it('a read-out is a copy: changing it changes nothing in the meter', () => {
    const d = device({ utrnCounters: [3] });
    const r = readout(d);
    r.tariff.prices[0] = 1;
    r.utrnCounters.push(99);
    expect(readout(d).tariff.prices[0]).toBe(24_500);
    expect(readout(d).utrnCounters).toEqual([3]);
  });
});
