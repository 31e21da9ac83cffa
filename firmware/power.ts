// The meter's power (conformance.md section 1, clarifications 7): while it is off, keypad, token,
// envelope, button and join inputs are refused, and a half-typed token is lost.
import { effect, take, type Region } from './region.js';
import { KEYPAD } from './keypad.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export interface PowerSlice {
  power: boolean;
}

export type PowerState = 'on' | 'off';
export type PowerEvent = 'POWER_CUT' | 'POWER_RESTORED';

const loseTyping = effect('loseHalfTypedToken', (s) => {
  take(KEYPAD, s, 'POWER_CUT', '');
});

export const POWER: Region<PowerState, PowerEvent> = {
  name: 'power',
  about: 'power (conformance.md section 1)',
  states: ['on', 'off'],
  get: (s) => (s.power ? 'on' : 'off'),
  set: (s, to) => {
    s.power = to === 'on';
  },
  transitions: [
    { on: 'POWER_CUT', from: ['on'], to: 'off', do: loseTyping, log: ['powerOff'] },
    { on: 'POWER_RESTORED', from: ['off'], to: 'on', log: ['powerOn'] },
  ],
};

/** Cut or restore the power; on while on, or off while off, does nothing. True when it changed. */
export function switchPower(s: MeterState, on: boolean): boolean {
  return take(POWER, s, on ? 'POWER_RESTORED' : 'POWER_CUT', undefined);
}

export const POWER_SECTION: Section<keyof PowerSlice, PowerSlice> = {
  owns: ['power'],
  factory: () => ({ power: true }),
  readout: (s) => ({ power: s.power }),
};
