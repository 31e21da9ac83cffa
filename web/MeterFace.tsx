// The meter itself: the LCD as the terminal emulator draws it (the model's standing lines, the words
// of the last action or the lock counting down, the token being typed in lettered groups of five),
// the keypad and buttons A and B.
import { statusLines } from '../firmware/display.js';
import type { MeterState } from '../firmware/state.js';
import { entryLines } from '../keypad-sim/format.js';
import type { Session } from '../keypad-sim/session.js';
import { lockWords } from '../keypad-sim/words.js';

const KEYS: readonly { key: string; label: string; name: string }[] = [
  ...'123456789'.split('').map((d) => ({ key: d, label: d, name: d })),
  { key: '*', label: '*', name: 'Clear (*)' },
  { key: '0', label: '0', name: '0' },
  { key: '#', label: '#', name: 'Enter (#)' },
];

export function MeterFace({ session, meter, notice }: { session: Session; meter: MeterState; notice: string }) {
  const words = notice || lockWords(meter);
  return (
    <section className="panel meter" aria-labelledby="meter-title">
      <h2 id="meter-title">Meter</h2>
      <div className="lcd" aria-label="Meter display" role="group">
        <div className="lcd-id">
          {meter.fuel === 'gas' ? 'GAS' : 'ELECTRICITY'} {meter.keys.deviceId}
          {meter.power ? '' : ' · POWER OFF'}
        </div>
        {statusLines(meter).map((line, i) => (
          <div key={i} className="lcd-line">
            {line}
          </div>
        ))}
        <div className="lcd-notice" data-testid="notice-line">
          {words}
        </div>
        <div className="lcd-entry" data-testid="entry" aria-label="Token being typed">
          {entryLines(meter.keypad.buffer).map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      </div>
      <p className="sr-only" aria-live="polite">
        {words}
      </p>
      <div className="keypad" role="group" aria-label="Keypad">
        {KEYS.map((k) => (
          <button key={k.key} type="button" className="key" aria-label={k.name} onClick={() => session.keys(k.key)}>
            {k.label}
          </button>
        ))}
        <button type="button" className="key wide" aria-label="Delete last digit" onClick={() => session.keys('<')}>
          ⌫ delete
        </button>
      </div>
      <div className="buttons">
        <button type="button" onClick={() => session.button('A', 'meter')}>
          A · emergency credit
        </button>
        <button type="button" onClick={() => session.button('B', 'meter')}>
          B · enable supply
        </button>
        <button type="button" className="quiet" onClick={() => session.power(!meter.power)}>
          {meter.power ? 'Cut the power' : 'Restore the power'}
        </button>
      </div>
      <p className="hint">Type digits anywhere on the page; Enter or # submits, Backspace deletes, Esc or * clears.</p>
    </section>
  );
}
