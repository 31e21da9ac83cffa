// GBCS-: the UTRNs published by Smart DCC (RTDS keys) and token-examples.json's extra GBCS tokens.
import { meter, read, T0, token, type VectorSource } from './common.js';

const refs = ['tokens.md 3', 'prepayment.md 5'];
const BIG = { config: { maxCreditThreshold: 900_000_000, maxMeterBalance: 900_000_000 } };

const published = [
  { c: 1, token: '73943333457189043313', pence: 10_000, what: '£100 (class pounds, value 100)' },
  { c: 4, token: '73947252416745201637', pence: 1_234, what: '1234 p (class pennies)' },
  { c: 3, token: '73946144332040217315', pence: 1_000, what: '£10 (class pounds, value 10)' },
  { c: 7, token: '73951528920207576677', pence: 2_500, what: '2500 p (class pennies)' },
  { c: 8, token: '73953181642995654462', pence: 2_000, what: '£20 (class pounds, value 20)' },
];

export const gbcs: VectorSource[] = [
  ...published.map((p, i) => ({
    id: `GBCS-${String(i + 1).padStart(3, '0')}`,
    title: `Published UTRN counter ${p.c}: ${p.what} on a fresh meter`,
    notes: `${p.pence} p = ${p.pence * 1000} mp to the meter balance (no debt, EC unavailable after: balance >= EC threshold 100,000).`,
    refs,
    tags: ['gbcs', 'published'],
    meter: meter(),
    steps: [
      token(p.token, { result: 'Accepted' }),
      read({ meterBalance: p.pence * 1000, utrnCounters: [p.c], topUps: [{ time: T0, amount: p.pence * 1000, source: 'keypad', utrnCounter: p.c }], emergencyCredit: { state: 'unavailable', balance: 1_000_000 } }),
    ],
  })),
  {
    id: 'GBCS-006',
    title: 'Counter 1000 on a meter with an empty cache recovers to -24: Expired',
    notes: 'V = 0, r = 1000 mod 1024 = 1000 > p + 512 = 512, so s = 1000 - 1024 = -24; negative -> Expired (tokens.md 7.1).',
    refs: ['tokens.md 7.1'],
    tags: ['gbcs', 'counter'],
    meter: meter(BIG),
    steps: [token('75349648461477601849', { result: 'Expired' }), read({ meterBalance: 0, utrnCounters: [] })],
  },
  {
    id: 'GBCS-007',
    title: 'Counter 1000, £8191: accepted when the cache holds 999 and the limits allow it',
    notes: 'V = 999, p = 999, r = 1000 -> 1000. £8191 = 819,100 p = 819,100,000 mp (limits raised to 900,000,000).',
    refs: ['tokens.md 3', 'tokens.md 7.1'],
    tags: ['gbcs', 'counter'],
    meter: meter({ ...BIG, utrnCounters: [999] }),
    steps: [token('75349648461477601849', { result: 'Accepted' }), read({ meterBalance: 819_100_000, utrnCounters: [999, 1000] })],
  },
  {
    id: 'GBCS-008',
    title: "Smart DCC's published PPTD (counter 1, £8191) is above the default largest top-up: Rejected maxCredit",
    notes: '819,100,000 mp > maxCreditThreshold 25,000,000 (factory £250).',
    refs: ['prepayment.md 5', 'tokens.md 7'],
    tags: ['gbcs', 'rejected'],
    meter: meter(),
    steps: [token('73943680956463432551', { result: 'Rejected', reason: 'maxCredit' }), read({ meterBalance: 0, utrnCounters: [] })],
  },
  {
    id: 'GBCS-009',
    title: "Smart DCC's published PPTD (counter 1, £8191) accepted with raised limits",
    notes: '£8191 = 819,100,000 mp.',
    refs: ['tokens.md 3'],
    tags: ['gbcs', 'published'],
    meter: meter(BIG),
    steps: [token('7394368095 6463432551', { result: 'Accepted' }), read({ meterBalance: 819_100_000 })],
  },
  {
    id: 'GBCS-010',
    title: 'The three Smart DCC UTRNs out of order (1, 4, 3) all apply; the cache lists them ascending',
    notes: '10,000,000 + 1,234,000 + 1,000,000 = 12,234,000 mp. Counter 3 after 4 is still fresh (not in the cache, above the floor).',
    refs: ['tokens.md 7.1'],
    tags: ['gbcs', 'counter'],
    meter: meter(),
    steps: [
      token('73943333457189043313', { result: 'Accepted' }),
      token('73947252416745201637', { result: 'Accepted' }),
      token('73946144332040217315', { result: 'Accepted' }),
      read({ meterBalance: 12_234_000, utrnCounters: [1, 3, 4] }),
    ],
  },
  {
    id: 'GBCS-011',
    title: 'A published UTRN on a meter with another device ID is Invalid',
    notes: 'The device ID is in the KDF and the AAD, so the MAC fails.',
    refs: ['tokens.md 2', 'tokens.md 7'],
    tags: ['gbcs', 'invalid'],
    meter: meter({ deviceId: '00DB1234567890A1' }),
    steps: [token('73943333457189043313', { result: 'Invalid' }), read({ meterBalance: 0, keypad: { invalidCount: 1 } })],
  },
  {
    id: 'GBCS-012',
    title: 'A published UTRN typed on the keypad in two bursts with a space-free entry, then #',
    notes: 'keys accumulate in the buffer; # submits it. 1234 p = 1,234,000 mp.',
    refs: ['tokens.md 7', 'conformance.md 1'],
    tags: ['gbcs', 'keypad'],
    meter: meter(),
    steps: [
      { op: 'keys', keys: '7394725241', expect: { ok: true, buffer: '7394725241' } },
      { op: 'keys', keys: '6745201637#', expect: { ok: true, buffer: '', result: 'Accepted' } },
      read({ meterBalance: 1_234_000, keypad: { buffer: '' } }),
    ],
  },
  {
    id: 'GBCS-013',
    title: 'A published UTRN relayed by the PPMID logs source ppmid',
    notes: 'Top-up record {time, amount 2,000,000, source ppmid, utrnCounter 8} (clarifications 24).',
    refs: ['clarifications.md 24'],
    tags: ['gbcs', 'ppmid'],
    meter: meter(),
    steps: [token('73953 18164 29956 54462', { result: 'Accepted' }, 'ppmid'), read({ topUps: [{ time: T0, amount: 2_000_000, source: 'ppmid', utrnCounter: 8 }] })],
  },
];
