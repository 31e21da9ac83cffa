// The payment mode (prepayment.md section 6 `ChangeMode`): prepayment, where the meter charges and
// section 4 applies, or credit, where it only measures. Only a command changes it.
import { rule, take, type Region } from './region.js';
import { oneOf } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export type PaymentMode = 'credit' | 'prepayment';

export interface PaymentModeSlice {
  paymentMode: PaymentMode;
}

/** Rules other regions ask: section 4 applies in prepayment mode only. */
export const prepaymentMode = rule<unknown>('prepaymentMode', 'the meter is in prepayment mode', (s) => s.paymentMode === 'prepayment');
export const creditMode = rule<unknown>('creditMode', 'the meter is in credit mode', (s) => s.paymentMode === 'credit');

export type PaymentModeEvent = 'CHANGE_TO_PREPAYMENT' | 'CHANGE_TO_CREDIT';

export const PAYMENT_MODE: Region<PaymentMode, PaymentModeEvent> = {
  name: 'paymentMode',
  about: 'the payment mode (section 6 ChangeMode)',
  states: ['prepayment', 'credit'],
  get: (s) => s.paymentMode,
  set: (s, to) => {
    s.paymentMode = to;
  },
  transitions: [
    { on: 'CHANGE_TO_PREPAYMENT', from: ['prepayment', 'credit'], to: 'prepayment' },
    { on: 'CHANGE_TO_CREDIT', from: ['prepayment', 'credit'], to: 'credit' },
  ],
};

/** Change the payment mode (the command's other fields are the caller's). */
export function changePaymentMode(s: MeterState, to: PaymentMode): void {
  take(PAYMENT_MODE, s, to === 'prepayment' ? 'CHANGE_TO_PREPAYMENT' : 'CHANGE_TO_CREDIT', undefined);
}

export const PAYMENT_MODE_SECTION: Section<keyof PaymentModeSlice, PaymentModeSlice> = {
  owns: ['paymentMode'],
  factory: () => ({ paymentMode: 'prepayment' }),
  configure: (s, m) => {
    if (m.paymentMode !== undefined) s.paymentMode = oneOf(m.paymentMode, 'meter.paymentMode', ['credit', 'prepayment'] as const);
  },
  readout: (s) => ({ paymentMode: s.paymentMode }),
};
