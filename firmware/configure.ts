// Commissioning a meter from a configuration (conformance.md section 3): factory defaults overridden
// by any subset of the state, under the read-out's names, each section reading its own keys
// (sections.ts). Unknown keys are ignored; wrong types are `badConfig` (clarifications 27).
import { evaluateCredit } from './credit.js';
import { ConfigError, obj } from './parse.js';
import { failure, ok, type Result } from './result.js';
import { configureSections, factoryState } from './sections.js';
import type { MeterState } from './state.js';
import { applyDuePrices } from './tariff.js';
import { commissionedOf } from './tenancy.js';


/**
 * A fresh meter at `time`: factory state, then the configuration; the result is also the commissioned
 * configuration that RevertToDefaults returns to. Section 4 is evaluated at `time`.
 */
export function commission(meter: unknown, time: number): Result<MeterState, 'badConfig'> {
  const s = factoryState(time);
  try {
    configureSections(s, meter === undefined ? {} : obj(meter, 'meter'));
  } catch (e) {
    if (e instanceof ConfigError) return failure('badConfig', e.message);
    throw e;
  }
  s.commissioned = commissionedOf(s);
  // A pending change already due applies at the reset, as a ChangePrice at or before now does
  // (clarifications 21). Left pending it would be a boundary before now: the next advance ran time
  // backwards to it.
  applyDuePrices(s);
  evaluateCredit(s);
  return ok(s);
}
