// TOK-: result codes, check order, counters, lockout and the keypad path (tokens.md 1-7, 9).
import { advance, cmd, CODES, ev, forgedUtrn, long, meter, pounds, rawCommand, read, short, T0, token, utrn, type Step, type VectorSource } from './common.js';
import { checkDigit } from '../../firmware/tokens/verhoeff.js';

const withCheck = (d19: string) => d19 + String(checkDigit(d19));

const DEDUCT = '05483 09083 56625 61489 92716 21178 10112 02581'; // token-examples: DeductCredit 250 p, counter 10
const DEDUCT_DIGITS = DEDUCT.replace(/ /g, '');
const SETDEBT = '07356 02361 08248 35360 42889 98141 71964 64156 22240 24841 38254 83642'; // counter 19

function fmt(id: number, title: string, notes: string, steps: Step[], extra: Record<string, unknown> = {}, refs = ['tokens.md 7']): VectorSource {
  return { id: `TOK-${String(id).padStart(3, '0')}`, title, notes, refs, tags: ['token'], meter: meter(extra), steps };
}

const rejectedOnly = (result: string, extra: Record<string, unknown> = {}) => [
  read({ meterBalance: 0, utrnCounters: [], events: [ev(T0, 'emergencyCreditAvailable', CODES.emergencyCreditAvailable), ev(T0, 'tokenRejected', CODES.tokenRejected)], keypad: { invalidCount: result === 'Invalid' ? 1 : 0 }, ...extra }),
];

function formatError(id: number, title: string, notes: string, digits: string): VectorSource {
  return fmt(id, title, notes, [token(digits, { result: 'FormatError' }), ...rejectedOnly('FormatError')], { utrnCounters: [] }, ['tokens.md 6', 'tokens.md 7']);
}

/** A payload of `bits` bits from fields given from the top ([value, width] pairs); unused low bits 0. */
const payload = (bits: number, ...fields: [number | bigint, number][]) => {
  let v = 0n;
  let used = 0;
  for (const [value, width] of fields) {
    v = (v << BigInt(width)) | BigInt(value);
    used += width;
  }
  return v << BigInt(bits - used);
};
const p40 = (...fields: [number | bigint, number][]) => payload(37, ...fields);
const p60 = (...fields: [number | bigint, number][]) => payload(68, ...fields);

export const tok: VectorSource[] = [
  fmt(1, 'Nineteen digits are Incomplete and logged as tokenRejected', '19 is not 20/40/60 (tokens.md 1); clarifications 17 logs every rejection.', [token('7394333345718904331', { result: 'Incomplete' }), ...rejectedOnly('Incomplete')]),
  fmt(2, 'Twenty-one digits are Incomplete', '21 digits.', [token('739433334571890433130', { result: 'Incomplete' })]),
  fmt(3, 'Submitting an empty keypad entry is Incomplete', '0 digits; keys answers the flat token-like fields plus buffer.', [{ op: 'keys', keys: '#', expect: { ok: true, result: 'Incomplete', buffer: '' } }]),
  fmt(4, 'A published UTRN with its last digit changed: CheckDigitError block 1', 'Verhoeff check digit of 7394333345718904331 is 3, not 4.', [token('73943333457189043314', { result: 'CheckDigitError', block: 1 }), ...rejectedOnly('CheckDigitError')]),
  fmt(5, 'A 40-digit token with one digit wrong in block 2: CheckDigitError block 2', 'Digit 26 of the DeductCredit example changed from 6 to 7; Verhoeff detects every single-digit error.', [token(DEDUCT_DIGITS.slice(0, 25) + '7' + DEDUCT_DIGITS.slice(26), { result: 'CheckDigitError', block: 2 })], { utrnCounters: [9] }),
  fmt(6, 'A 60-digit token with one digit wrong in block 3: CheckDigitError block 3', 'Digit 45 of the SetDebt example changed.', [token(SETDEBT.replace(/ /g, '').slice(0, 44) + String((Number(SETDEBT.replace(/ /g, '')[44]) + 1) % 10) + SETDEBT.replace(/ /g, '').slice(45), { result: 'CheckDigitError', block: 3 })], { utrnCounters: [18] }),
  fmt(7, 'Blocks 1 and 3 both wrong: the first failing block is named', 'Check digits are checked in block order.', [token('1' + SETDEBT.replace(/ /g, '').slice(1, 44) + String((Number(SETDEBT.replace(/ /g, '')[44]) + 1) % 10) + SETDEBT.replace(/ /g, '').slice(45), { result: 'CheckDigitError', block: 1 })], { utrnCounters: [18] }),
  formatError(8, 'The first 20-digit block of a 40-digit token alone is a FormatError, not Invalid', '0548309083566256148 is below PPTD 7394156990786306048 (tokens.md 4).', DEDUCT_DIGITS.slice(0, 20)),
  formatError(9, 'A 20-digit entry above the PPTD range (PTUT >= 2^57) is a FormatError', '7538272178862161920 = 7394156990786306048 + 2^57; check digit appended.', withCheck('7538272178862161920')),
  formatError(10, 'Value class 10 is a FormatError', 'PTUT high word 0x00004000 (class bits 10): PPTD 7394156990786306048 + 0x0000400000000000 (70368744177664) = 7394227359530483712.', withCheck('7394227359530483712')),
  formatError(11, 'Version 2 is a FormatError', '40-digit X with version 010.', short(2, 0x01, 1, 0n)),
  formatError(12, 'Unknown command code 0x09 is a FormatError', 'Codes are 0x01-0x08 and 0x10-0x15.', short(1, 0x09, 1, 0n)),
  formatError(13, 'SetDebt (a 60-digit command) entered as 40 digits is a FormatError', 'Code 0x10 at the wrong length.', short(1, 0x10, 1, 0n)),
  formatError(14, 'DeductCredit (a 40-digit command) entered as 60 digits is a FormatError', 'Code 0x01 at the wrong length.', long(1, 0x01, 1, 0n)),
  formatError(15, 'OpenHan with 0 minutes is a FormatError', 'minutes 1..255.', short(1, 0x05, 1, p40([0, 8], [1, 3]))),
  formatError(16, 'OpenHan for device class 5 is a FormatError', 'classes 0..4.', short(1, 0x05, 1, p40([10, 8], [5, 3]))),
  formatError(17, 'Supply action 3 is a FormatError', 'actions 0 arm, 1 disable, 2 enable.', short(1, 0x07, 1, p40([3, 2]))),
  formatError(18, 'A non-zero unused payload bit is a FormatError', 'DeductCredit uses 24 of 37 payload bits; the last bit set.', short(1, 0x01, 1, p40([100, 24]) | 1n)),
  formatError(19, 'SetConfig parameter 8 is a FormatError', 'Parameters 0..7 (table 7).', short(1, 0x08, 1, p40([8, 4], [0, 1], [100, 24]))),
  formatError(20, 'SetConfig with sign 1 on emergencyCreditLimit is a FormatError', 'Only disablementThreshold (6) may be negative.', short(1, 0x08, 1, p40([0, 4], [1, 1], [100, 24]))),
  formatError(21, 'SetDebt on register 3 (accumulated debt) is a FormatError', 'register 3 not allowed for SetDebt.', long(1, 0x10, 1, p60([3, 2], [100, 24], [1, 16], [1, 2]))),
  formatError(22, 'SetDebt payment debt with rate 10001 bp is a FormatError', 'rate 0..10000 for register 2.', long(1, 0x10, 1, p60([2, 2], [100, 24], [10_001, 16], [0, 2]))),
  formatError(23, 'ChangePrice element 9 is a FormatError', 'elements 0..8.', long(1, 0x11, 1, p60([9, 4], [1000, 24], [0, 16], [0, 11]))),
  formatError(24, 'ChangePrice activation day 0 with minute 5 is a FormatError', 'day 0 means now, with minute 0.', long(1, 0x11, 1, p60([0, 4], [1000, 24], [0, 16], [5, 11]))),
  formatError(25, 'SetTouSwitch start minute 1440 is a FormatError', 'minutes 0..1439.', long(1, 0x12, 1, p60([0, 4], [1, 1], [127, 7], [1440, 11], [0, 3]))),
  formatError(26, 'An enabled SetFriendlyCredit with days mask 0 is a FormatError', 'enabled slots need a day.', long(1, 0x13, 1, p60([0, 3], [1, 1], [0, 7], [960, 11], [1200, 11]))),
  formatError(27, 'An enabled SetNonDisconnect whose end is not after its start is a FormatError', 'start (9557, 600) end (9557, 600).', long(1, 0x14, 1, p60([0, 3], [1, 1], [9557, 16], [600, 11], [9557, 16], [600, 11]))),
  formatError(28, 'RevertToDefaults scope 0 is a FormatError', 'scope 0 does nothing.', long(1, 0x15, 1, p60([0, 8], [0, 16]))),
  formatError(29, 'RevertToDefaults scope bit 7 is a FormatError', 'bits 0..6 only.', long(1, 0x15, 1, p60([0x81, 8], [0, 16]))),
  formatError(30, 'ChangeMode to credit with a threshold is a FormatError', 'mode 0 takes no other fields.', short(1, 0x06, 1, p40([0, 1], [0, 1], [0, 1], [0, 1], [5, 24]))),
  formatError(31, 'A 40-digit value at or above 2^125 is a FormatError', '2^125 = 42535295865117307932921825928971026432 (38 digits), check digits appended.', rawCommand(40, 1n << 125n)),
  fmt(32, 'A command token entered twice is a Duplicate the second time', 'Counter 10 is cached by the first DeductCredit (250 p): 1,000,000 - 250,000 = 750,000.', [token(DEDUCT, { result: 'Accepted' }), token(DEDUCT, { result: 'Duplicate' }), read({ meterBalance: 750_000, utrnCounters: [9, 10] })], { utrnCounters: [9], meterBalance: 1_000_000 }),
  fmt(33, 'Counter 0 is never valid: Expired', 'Recovered 0 <= counterFloor 0 (tokens.md 7.1).', [token(utrn(0, 100), { result: 'Expired' }), read({ meterBalance: 0, utrnCounters: [] })]),
  fmt(34, 'A replayed token older than a full cache of 100 is Expired', 'Cache 2..101 (100 entries); counter 1 is not cached and below the smallest entry 2.', [token(utrn(1, 100), { result: 'Expired' })], { utrnCounters: Array.from({ length: 100 }, (_, i) => i + 2) }),
  fmt(35, 'A counter at the counterFloor is Expired', 'counterFloor 50: a token with counter 50 is at or below it.', [token(utrn(50, 100), { result: 'Expired' })], { counterFloor: 50 }),
  fmt(36, 'A counter just above the counterFloor is Accepted', 'counterFloor 50, counter 51: 100 p = 100,000 mp.', [token(utrn(51, 100), { result: 'Accepted' }), read({ meterBalance: 100_000, utrnCounters: [51] })], { counterFloor: 50 }),
  fmt(37, 'A forged MAC is Invalid and counted', 'PPTD + 1 keeps a valid check digit and changes the MAC.', [token(forgedUtrn(1), { result: 'Invalid' }), ...rejectedOnly('Invalid')]),
  fmt(38, 'A token for another shared secret is Invalid', 'The meter holds a different Z.', [token(utrn(1, 100), { result: 'Invalid' })], { sharedSecret: '00'.repeat(32) }),
  fmt(39, 'ChangePrice of a TOU rate to 0 is Rejected zeroPrice', 'tokens.md 7 step 7.', [token(cmd('ChangePrice', 1, { element: 0, price: 0, activationDay: 0, activationMinute: 0 }), { result: 'Rejected', reason: 'zeroPrice' }), read({ tariff: { prices: [24_500, 24_500, 24_500, 24_500, 24_500, 24_500, 24_500, 24_500] }, utrnCounters: [] })]),
  fmt(40, 'OpenHan with 8 devices joined is Rejected hanFull', 'HAN holds at most 8.', [token(cmd('OpenHan', 1, { minutes: 10, deviceClass: 0 }), { result: 'Rejected', reason: 'hanFull' }), read({ han: { joinWindow: null } })], { han: { devices: Array.from({ length: 8 }, (_, i) => ({ deviceId: `00112233445566${String(i).padStart(2, '0')}`, deviceClass: 'ihd' })) } }),
  fmt(41, 'A top-up above maxCreditThreshold is Rejected maxCredit', '1,234,000 mp > 1,000,000.', [token('73947252416745201637', { result: 'Rejected', reason: 'maxCredit' }), read({ meterBalance: 0, topUps: [] })], { config: { maxCreditThreshold: 1_000_000 } }),
  fmt(42, 'A top-up leaving the balance above maxMeterBalance is Rejected maxBalance', '49,000,000 + 1,234,000 = 50,234,000 > 50,000,000.', [token('73947252416745201637', { result: 'Rejected', reason: 'maxBalance' }), read({ meterBalance: 49_000_000 })], { meterBalance: 49_000_000 }),
  fmt(43, 'GBCS Table 27: with V = 2458896167 a truncated counter 812 is 2458896172', 'p = 2458896167 mod 1024 = 807, q = 2458895360, r = 812 within p +/- 512: 2458895360 + 812 = 2458896172.', [token(utrn(2_458_896_172, 100), { result: 'Accepted' }), read({ utrnCounters: [2_458_896_167, 2_458_896_172] })], { utrnCounters: [2_458_896_167] }, ['tokens.md 7.1']),
  fmt(44, 'A counter that wraps the 10-bit window: V = 1023, r = 1 gives 1025', 'p = 1023; r = 1 < 1023 - 512 so s = 1 + 1024; q = 0.', [token(utrn(1025, 100), { result: 'Accepted' }), read({ utrnCounters: [1023, 1025] })], { utrnCounters: [1023] }, ['tokens.md 7.1']),
  fmt(45, 'A genuine UTRN more than 511 behind the highest recovers wrongly and is Invalid', 'V = 1000, r = 1: 1 < 1000 - 512 so s = 1025; the MAC was made for counter 1.', [token('73943333457189043313', { result: 'Invalid' })], { utrnCounters: [1000] }, ['tokens.md 7.1']),
  fmt(46, 'A 16-bit command counter wraps: V = 65535, counterLow 1 gives 65537', 'p = 65535, r = 1 < 65535 - 32768, so s = 1 + 65536.', [token(cmd('DeductCredit', 65_537, { amount: 1 }), { result: 'Accepted' }), read({ utrnCounters: [65_535, 65_537], meterBalance: -1000 })], { utrnCounters: [65_535] }, ['tokens.md 7.1']),
  fmt(47, 'A recovered counter past 2^32 - 1 is a FormatError', 'V = 4294967295: p = 1023, q = 4294966272; r = 0 < 511 so s = 1024: 4294967296 > 2^32 - 1.', [token(utrn(1024, 100), { result: 'FormatError' })], { utrnCounters: [4_294_967_295] }, ['tokens.md 7.1']),
  fmt(48, 'Five Invalid tokens lock the keypad for 60 minutes', 'Lock starts at the fifth Invalid: 08:00 + 60 min = 09:00 (clarifications 18); the count resets.', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    read({ keypad: { lockedUntil: '2026-02-02T09:00:00Z', invalidCount: 0, lockouts: 1 } }),
  ], {}, ['tokens.md 7.2']),
  fmt(49, 'While locked every keypad entry is KeypadLocked, not counted, and logged', 'Even a genuine token; the PPMID relay is not locked.', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    token(utrn(1, 100), { result: 'KeypadLocked' }),
    token('12345', { result: 'KeypadLocked' }),
    read({ keypad: { invalidCount: 0, lockouts: 1 }, meterBalance: 0 }),
    token(utrn(1, 100), { result: 'Accepted' }, 'ppmid'),
  ], {}, ['tokens.md 7.2', 'clarifications.md 17']),
  fmt(50, 'The lock ends at lockedUntil; a second lockout doubles to 120 minutes', 'First lock 08:00-09:00; at 09:00 five more Invalid: 60 x 2^1 = 120 min -> 11:00.', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    advance('2026-02-02T09:00:00Z'),
    read({ keypad: { lockedUntil: null, lockouts: 1 } }),
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    read({ keypad: { lockedUntil: '2026-02-02T11:00:00Z', lockouts: 2 } }),
  ], {}, ['tokens.md 7.2']),
  fmt(51, 'Lockout length is capped at 24 hours', 'lockouts 5 already: 60 x 2^5 = 1920 min, capped at 1440 -> next day 08:00.', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    read({ keypad: { lockedUntil: '2026-02-03T08:00:00Z', lockouts: 6 } }),
  ], { keypad: { lockouts: 5 } }, ['clarifications.md 18']),
  fmt(52, 'An Accepted digit token resets the count and the doubling of its source', 'Three Invalid then a genuine token: invalidCount 0, lockouts 0.', [
    ...[1, 2, 3].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    token(utrn(9, 100), { result: 'Accepted' }),
    read({ keypad: { invalidCount: 0, lockouts: 0 } }),
  ], { keypad: { lockouts: 2 } }, ['tokens.md 7.2']),
  fmt(53, 'FormatError, Duplicate and Incomplete do not count towards the lockout', 'Only Invalid counts.', [
    token(DEDUCT_DIGITS.slice(0, 20), { result: 'FormatError' }),
    token('123', { result: 'Incomplete' }),
    token(utrn(1, 100), { result: 'Accepted' }),
    token(utrn(1, 100), { result: 'Duplicate' }),
    read({ keypad: { invalidCount: 0, lockouts: 0, lockedUntil: null } }),
  ], {}, ['tokens.md 7.2']),
  fmt(54, 'The PPMID relay has its own count and lock', 'Five Invalid via the PPMID lock the PPMID only.', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' }, 'ppmid')),
    read({ ppmid: { lockedUntil: '2026-02-02T09:00:00Z', lockouts: 1 }, keypad: { lockedUntil: null, invalidCount: 0 } }),
    token(utrn(1, 100), { result: 'KeypadLocked' }, 'ppmid'),
    token(utrn(1, 100), { result: 'Accepted' }),
  ], {}, ['tokens.md 7.2']),
  fmt(55, 'A configured lockoutThreshold of 3 and lockoutMinutes of 10', '3 Invalid -> locked 08:00 + 10 min.', [
    ...[1, 2, 3].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    read({ keypad: { lockedUntil: '2026-02-02T08:10:00Z', lockouts: 1 } }),
  ], { config: { lockoutThreshold: 3, lockoutMinutes: 10 } }, ['tokens.md 7.2']),
  fmt(56, 'The keypad entry clears after 20 s without a key press', 'Keys at 08:00:00, 19 s later still there; a key restarts the timer; 20 s after it the buffer is empty (clarifications 6).', [
    { op: 'keys', keys: '7394', expect: { ok: true, buffer: '7394' } },
    { op: 'advance', seconds: 19, expect: { ok: true } },
    { op: 'keys', keys: '7', expect: { ok: true, buffer: '73947' } },
    { op: 'advance', seconds: 19, expect: { ok: true } },
    read({ keypad: { buffer: '73947' } }),
    { op: 'advance', seconds: 1, expect: { ok: true } },
    read({ keypad: { buffer: '' } }),
  ], {}, ['clarifications.md 6']),
  fmt(57, 'Backspace and clear on the keypad', '< removes the last digit, * clears.', [
    { op: 'keys', keys: '12345<', expect: { ok: true, buffer: '1234' } },
    { op: 'keys', keys: '*9', expect: { ok: true, buffer: '9' } },
  ], {}, ['conformance.md 1']),
  fmt(58, 'A token op leaves the keypad buffer alone', 'clarifications 19.', [
    { op: 'keys', keys: '555', expect: { ok: true, buffer: '555' } },
    token(utrn(1, 100), { result: 'Accepted' }),
    read({ keypad: { buffer: '555' } }),
  ], {}, ['clarifications.md 19']),
  fmt(59, 'Two submissions in one keys request: the reply carries the last', 'First Incomplete (3 digits), then the UTRN Accepted.', [
    { op: 'keys', keys: `123#${'73947252416745201637'}#`, expect: { ok: true, result: 'Accepted', buffer: '' } },
    read({ meterBalance: 1_234_000 }),
  ], {}, ['conformance.md 1']),
  fmt(60, 'A value-0 top-up is accepted and uses up its counter', '0 p; logs a top-up of 0 (clarifications 24).', [
    token(utrn(5, 0), { result: 'Accepted' }),
    read({ meterBalance: 0, utrnCounters: [5], topUps: [{ time: T0, amount: 0, source: 'keypad', utrnCounter: 5 }] }),
  ], {}, ['tokens.md 3', 'clarifications.md 24']),
  fmt(61, 'Non-digit characters in a token request are a malformed request, not a result', 'ok:false; spaces and dashes are fine.', [
    { op: 'token', digits: '7394-3333-4571-8904-331X', source: 'keypad', expect: { ok: false } },
    token('7394-3333-4571-8904-3313', { result: 'Accepted' }),
  ], {}, ['conformance.md 1']),
  fmt(62, 'A pounds-class UTRN of £250 equals the factory largest top-up and is accepted', '£250 = 25,000,000 mp, not above maxCreditThreshold 25,000,000.', [
    token(pounds(2, 250), { result: 'Accepted' }),
    read({ meterBalance: 25_000_000 }),
  ], {}, ['prepayment.md 5']),
  fmt(63, 'A pounds-class UTRN of £251 is Rejected maxCredit', '25,100,000 > 25,000,000.', [token(pounds(2, 251), { result: 'Rejected', reason: 'maxCredit' })], {}, ['prepayment.md 5']),
  fmt(64, 'The keypad buffer holds at most 80 characters', '85 digits typed: 80 kept, the rest ignored; < frees one place for the next digit; # submits 80 digits: Incomplete (clarifications 34).', [
    { op: 'keys', keys: '1234567890'.repeat(8) + '55555', expect: { ok: true, buffer: '1234567890'.repeat(8) } },
    { op: 'keys', keys: '<7', expect: { ok: true, buffer: '1234567890'.repeat(7) + '1234567897' } },
    { op: 'keys', keys: '8', expect: { ok: true, buffer: '1234567890'.repeat(7) + '1234567897' } },
    { op: 'keys', keys: '#', expect: { ok: true, result: 'Incomplete', buffer: '' } },
  ], {}, ['clarifications.md 34']),
  fmt(65, 'A genuine UTRN exactly 512 counters ahead of the highest cached recovers 1,024 lower and fails its MAC', 'V = 1000, p = 1000, q = 0; counter 1512 has r = 1512 mod 1024 = 488 = p - 512, not < p - 512: s = r = 488, counter 488; the MAC was made for 1512: Invalid (tokens.md 7.1).', [
    token(utrn(1512, 100), { result: 'Invalid' }),
    read({ meterBalance: 0, utrnCounters: [1000] }),
  ], { utrnCounters: [1000] }, ['tokens.md 7.1']),
  fmt(66, 'A genuine UTRN exactly 512 counters behind the highest cached is recovered and accepted', 'V = 1000, counter 488: r = 488 = p - 512: s = r, counter 488: Accepted.', [
    token(utrn(488, 100), { result: 'Accepted' }),
    read({ meterBalance: 100_000, utrnCounters: [488, 1000] }),
  ], { utrnCounters: [1000] }, ['tokens.md 7.1']),
  fmt(67, 'A genuine UTRN exactly 512 ahead of a low highest counter is recovered as itself', 'V = 100, p = 100; counter 612: r = 612 = p + 512, not > p + 512: s = r, counter 612: Accepted.', [
    token(utrn(612, 100), { result: 'Accepted' }),
    read({ utrnCounters: [100, 612] }),
  ], { utrnCounters: [100] }, ['tokens.md 7.1']),
  fmt(68, 'A command token exactly 32,768 counters ahead recovers 65,536 lower and fails its MAC', 'V = 100,000: p = 100,000 mod 65,536 = 34,464, q = 65,536. Counter 132,768: r = 1,696 = p - 32,768, not <: s = r, counter 67,232; the MAC was made for 132,768: Invalid.', [
    token(cmd('DeductCredit', 132_768, { amount: 1 }), { result: 'Invalid' }),
    read({ utrnCounters: [100_000] }),
  ], { utrnCounters: [100_000] }, ['tokens.md 7.1']),
  fmt(69, 'A keypad lock has ended at exactly lockedUntil', 'Five Invalid at 08:00: locked until 09:00. At 09:00:00 lockedUntil is null and a genuine token is Accepted (clarifications 6: now >= until).', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })),
    advance('2026-02-02T08:59:59Z'),
    token(utrn(1, 100), { result: 'KeypadLocked' }),
    advance('2026-02-02T09:00:00Z'),
    read({ keypad: { lockedUntil: null } }),
    token(utrn(1, 100), { result: 'Accepted' }),
  ], {}, ['clarifications.md 6', 'tokens.md 7.2']),
  fmt(70, 'A PPMID lock has ended at exactly lockedUntil', 'As TOK-069 for the PPMID relay.', [
    ...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' }, 'ppmid')),
    advance('2026-02-02T09:00:00Z'),
    read({ ppmid: { lockedUntil: null } }),
    token(utrn(1, 100), { result: 'Accepted' }, 'ppmid'),
  ], {}, ['clarifications.md 6', 'tokens.md 7.2']),
  fmt(71, 'A lock commissioned to end at the reset instant is not in force', 'keypad.lockedUntil = reset time: now >= until, the lock has ended (clarifications 6).', [
    token(utrn(1, 100), { result: 'Accepted' }),
  ], { keypad: { lockedUntil: T0 } }, ['clarifications.md 6']),
];
