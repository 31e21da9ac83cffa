// ENV-: PPMID envelopes, Ed25519 JWS (tokens.md 8, clarifications 26). Signed with the TEST supplier
// signing key of keys/demo-keyset.json.
import { hexToBytes } from '../../firmware/tokens/crypto.js';
import { issueEnvelope, signCompact, type EnvelopeCommand } from '../../vending/envelope.js';
import { vectorsOf, CODES, ev, meter, RTDS, read, T0, token, utrn, type Step, type VectorSource } from './common.js';

const SIGNING = hexToBytes('f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1');
const PUBLIC = 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148';
const OTHER_KEY = hexToBytes('11'.repeat(32));
const issuer = { originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, signingKey: SIGNING };
const env = (counter: number, commands: EnvelopeCommand[]) => issueEnvelope(issuer, counter, commands);
const send = (jws: string, expect: Record<string, unknown>): Step => ({ op: 'envelope', jws, expect: { ok: true, ...expect } });

const v = vectorsOf('ENV', ['envelope'], ['tokens.md 8'], (m) => meter({ supplierSigningPublicKey: PUBLIC, ...m }));

const PRICES = [18_000, 21_000, 24_000, 27_000, 30_000, 33_000, 36_000, 39_000];
const TOU_BATCH: EnvelopeCommand[] = [
  ...PRICES.map((price, element) => ({ name: 'ChangePrice', element, price, activationDay: 0, activationMinute: 0 })),
  { name: 'SetTouSwitch', slot: 0, enabled: 1, daysMask: 127, startMinute: 0, rate: 0 },
  { name: 'SetTouSwitch', slot: 1, enabled: 1, daysMask: 31, startMinute: 420, rate: 2 },
  { name: 'SetTouSwitch', slot: 2, enabled: 1, daysMask: 31, startMinute: 1320, rate: 1 },
  { name: 'SetDebt', register: 0, amount: 10_000, rate: 50, period: 1 },
];
const factoryPrices = Array(8).fill(24_500);
const noSwitch = { enabled: false, daysMask: 0, startMinute: 0, rate: 1 };

export const envs: VectorSource[] = [
  v(1, 'A batch sets a full TOU tariff (8 prices + switching table) and a time debt atomically', 'Prices now; slots: daily 00:00 rate 1, Mon-Fri 07:00 rate 3, Mon-Fri 22:00 rate 2. Monday 08:00: most recent is 07:00 -> rate 3. Debt 10,000 p = 10,000,000 mp at 50 p = 50,000 mp daily.', {},
    [send(env(1, TOU_BATCH), { result: 'Accepted' }), read({ tariff: { prices: PRICES, activeRate: 3, touSwitch: [{ enabled: true, daysMask: 127, startMinute: 0, rate: 1 }, { enabled: true, daysMask: 31, startMinute: 420, rate: 3 }, { enabled: true, daysMask: 31, startMinute: 1320, rate: 2 }, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch, noSwitch] }, timeDebt: [{ amount: 10_000_000, rate: 50_000, period: 'daily' }, {}], utrnCounters: [1] })], ['tokens.md 8', 'prepayment.md 6']),
  v(2, 'A batch whose last command is malformed applies nothing (FormatError at index 11)', 'SetDebt with an extra field.', {}, [send(env(1, [...TOU_BATCH.slice(0, 11), { name: 'SetDebt', register: 0, amount: 10_000, rate: 50, period: 1, colour: 1 }]), { result: 'FormatError', index: 11 }), read({ tariff: { prices: factoryPrices }, timeDebt: [{ amount: 0 }, {}], utrnCounters: [] })]),
  v(3, 'A batch whose last command is Rejected rolls back (index reported)', 'ChangePrice of rate 1 to 0 is zeroPrice.', {}, [send(env(1, [{ name: 'TopUp', amountPence: 500 }, { name: 'ChangePrice', element: 0, price: 0, activationDay: 0, activationMinute: 0 }]), { result: 'Rejected', reason: 'zeroPrice', index: 1 }), read({ meterBalance: 0, topUps: [], utrnCounters: [] })]),
  v(4, 'A replayed envelope is a Duplicate', 'Counter 7 cached once.', {}, [send(env(7, [{ name: 'TopUp', amountPence: 500 }]), { result: 'Accepted' }), send(env(7, [{ name: 'TopUp', amountPence: 500 }]), { result: 'Duplicate' }), read({ meterBalance: 500_000, utrnCounters: [7], topUps: [{ time: T0, amount: 500_000, source: 'envelope', utrnCounter: 7 }] })]),
  v(5, 'An envelope signed with the wrong key is Invalid, logged, and counts towards no lockout', 'Five bad envelopes: no lock.', {}, [...[1, 2, 3, 4, 5].map((c) => send(issueEnvelope({ ...issuer, signingKey: OTHER_KEY }, c, [{ name: 'TopUp', amountPence: 100 }]), { result: 'Invalid' })), read({ keypad: { invalidCount: 0, lockedUntil: null }, ppmid: { invalidCount: 0, lockedUntil: null }, meterBalance: 0 })]),
  v(6, 'An envelope for another device is Invalid', 'Step 3: bound to one meter.', {}, [send(issueEnvelope({ ...issuer, deviceId: '00DB1234567890A1' }, 1, [{ name: 'TopUp', amountPence: 100 }]), { result: 'Invalid' })]),
  v(7, "A header with alg 'none' is a FormatError", 'Step 1.', {}, [send(signCompact({ alg: 'none', typ: 'nowan-cmd+jws', kid: RTDS.originatorId }, { v: 1, originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, utrnCounter: 1, commands: [{ name: 'TopUp', amountPence: 1 }] }, SIGNING), { result: 'FormatError' })]),
  v(8, 'Not three base64url parts is a FormatError', 'Step 1.', {}, [send('abc.def', { result: 'FormatError' }), send('a.b.c.d', { result: 'FormatError' }), send('a=.b.c', { result: 'FormatError' }), read({ events: [ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev(T0, 'tokenRejected', CODES.tokenRejected), ev(T0, 'tokenRejected', CODES.tokenRejected), ev(T0, 'tokenRejected', CODES.tokenRejected)] })]),
  v(9, 'Envelopes share the counter cache with digit tokens', 'UTRN counter 5 first; an envelope with counter 5 is a Duplicate.', {}, [token(utrn(5, 100), { result: 'Accepted' }), send(env(5, [{ name: 'TopUp', amountPence: 100 }]), { result: 'Duplicate' })], ['tokens.md 8', 'tokens.md 7.1']),
  v(10, 'With no signing key configured every well-formed envelope is Invalid', 'clarifications 26.', { supplierSigningPublicKey: undefined }, [send(env(1, [{ name: 'TopUp', amountPence: 100 }]), { result: 'Invalid' })], ['clarifications.md 26']),
  v(11, 'Seventeen commands are a FormatError', '1 to 16 commands.', {}, [send(env(1, Array.from({ length: 17 }, () => ({ name: 'TopUp', amountPence: 1 }))), { result: 'FormatError' })]),
  v(12, 'A boolean field value is a FormatError at its command', 'Field values are JSON integers (clarifications 26).', {}, [send(env(1, [{ name: 'TopUp', amountPence: 1 }, { name: 'SetTouSwitch', slot: 0, enabled: true, daysMask: 127, startMinute: 0, rate: 0 }]), { result: 'FormatError', index: 1 })], ['clarifications.md 26']),
  v(13, 'An unknown command name is a FormatError with its index', 'Step 4.', {}, [send(env(1, [{ name: 'Teleport' }]), { result: 'FormatError', index: 0 })]),
  v(14, 'A TopUp above maxCreditThreshold in an envelope is Rejected maxCredit', '30,000 p = 30,000,000 > 25,000,000.', {}, [send(env(1, [{ name: 'TopUp', amountPence: 30_000 }]), { result: 'Rejected', reason: 'maxCredit', index: 0 })]),
  v(15, 'Commands apply in order against the state the previous one left', 'SetConfig maxCreditThreshold to 400 p, then a TopUp of 500 p: Rejected maxCredit at index 1; all rolled back.', {}, [send(env(1, [{ name: 'SetConfig', parameter: 4, sign: 0, value: 400 }, { name: 'TopUp', amountPence: 500 }]), { result: 'Rejected', reason: 'maxCredit', index: 1 }), read({ config: { maxCreditThreshold: 25_000_000 } })]),
  v(16, 'A gas Supply enable in an envelope arms instead', 'Not from the meter\'s own keypad.', { fuel: 'gas', supply: 'disabled', meterBalance: 500_000 }, [send(env(1, [{ name: 'Supply', action: 2 }]), { result: 'Accepted' }), read({ supply: 'armed' })], ['prepayment.md 4']),
  v(17, 'Identifiers compare case-insensitively', 'kid and ids in lower case.', {}, [send(issueEnvelope({ ...issuer, originatorId: RTDS.originatorId.toLowerCase(), deviceId: RTDS.deviceId.toLowerCase() }, 1, [{ name: 'TopUp', amountPence: 100 }]), { result: 'Accepted' })]),
  v(18, 'Section 4 runs after each command of an envelope', 'Thresholds for EC and low credit at -1,000,000. DeductCredit 200 p: 100,000 -> -100,000, disabled; TopUp 500 p: 400,000, armed. One input, table order: belowDisablementThreshold, creditAddedLocally, supplyDisabled, supplyArmed (clarifications 32, 3).', { meterBalance: 100_000, config: { emergencyCreditThreshold: -1_000_000, lowCreditThreshold: -1_000_000 } },
    [send(env(1, [{ name: 'DeductCredit', amount: 200 }, { name: 'TopUp', amountPence: 500 }]), { result: 'Accepted' }), read({ supply: 'armed', meterBalance: 400_000, events: [ev(T0, 'belowDisablementThreshold', CODES.belowDisablementThreshold), ev(T0, 'creditAddedLocally', CODES.creditAddedLocally), ev(T0, 'supplyDisabled', CODES.supplyDisabled), ev(T0, 'supplyArmed', CODES.supplyArmed)] })], ['clarifications.md 32', 'clarifications.md 3']),
  v(19, 'A later command is checked against the balance an earlier one set', 'maxMeterBalance 500,000. SetCredit 400 p = 400,000, then TopUp 200 p: 600,000 > 500,000 -> Rejected maxBalance at index 1; all rolled back (balance 0).', { config: { maxMeterBalance: 500_000 } },
    [send(env(1, [{ name: 'SetCredit', sign: 0, amount: 400 }, { name: 'TopUp', amountPence: 200 }]), { result: 'Rejected', reason: 'maxBalance', index: 1 }), read({ meterBalance: 0, utrnCounters: [] })], ['clarifications.md 32']),
];
