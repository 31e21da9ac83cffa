// A meter commissioned without identifiers or fuel still reads out what conformance.md section 2
// promises: a fuel of electricity or gas, and device and originator IDs of 8 bytes of hex.
import { describe, expect, it } from 'vitest';
import { commissionedReadout } from './helpers.js';

describe('a configuration that gives no fuel or identifiers', () => {
  it('reads out a fuel the spec names and 8-byte hex IDs', () => {
    const r = commissionedReadout({});
    expect(['electricity', 'gas']).toContain(r.fuel);
    expect(r.deviceId).toMatch(/^[0-9A-Fa-f]{16}$/);
    expect(r.originatorId).toMatch(/^[0-9A-Fa-f]{16}$/);
  });
});
