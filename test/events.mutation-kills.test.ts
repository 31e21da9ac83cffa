// The event log at its length limit (prepayment.md sections 2 and 7, clarifications 3): when the
// oldest entries fall off the front of a full log, the input being applied still sorts its own
// entries into table order and never among an earlier input's entries of the same instant.
import { describe, expect, it } from 'vitest';
import { logEvent } from '../firmware/events.js';
import { EVENT_LOG_LIMIT } from '../firmware/events.js';
import { beginInput } from '../firmware/sections.js';
import { meterState } from './helpers.js';

describe('a full event log', () => {
  it('keeps the last 100 and the order of causes across the entries that fall off', () => {
    const s0 = meterState({ meterBalance: 1_000_000 });
    const t = s0.time;
    // 99 older entries, then an earlier input's supplyDisabled (table row 7) at this instant: full.
    s0.events = Array.from({ length: 99 }, (_, i) => ({ time: t - 100 + i, code: 0x0020, name: 'powerOff' }));
    s0.events.push({ time: t, code: 0x0003, name: 'supplyDisabled' });
    expect(s0.events.length).toBe(EVENT_LOG_LIMIT);
    // This input raises creditAddedLocally (row 5) then lowCredit (row 0): within the input, table
    // order puts lowCredit first; both come after the earlier input's entry.
    const s = beginInput(s0);
    logEvent(s, 'creditAddedLocally');
    logEvent(s, 'lowCredit');
    expect(s.events.length).toBe(100);
    expect(s.events.slice(-3).map((e) => e.name)).toEqual(['supplyDisabled', 'lowCredit', 'creditAddedLocally']);
    // two entries fell off the front: the oldest left is the third of the 99 (t - 98)
    expect(s.events[0]!.time).toBe(t - 98);
  });
});
