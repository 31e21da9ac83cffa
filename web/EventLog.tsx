// The meter's event log, newest first, in the words the terminal emulator uses.
import { localText, toIso } from '../firmware/clock.js';
import type { MeterState } from '../firmware/state.js';
import { eventWords } from '../keypad-sim/words.js';

export function EventLog({ meter, rows = 12 }: { meter: MeterState; rows?: number }) {
  const events = meter.events.slice(-rows).reverse();
  return (
    <section className="panel log" aria-labelledby="log-title">
      <h2 id="log-title">Event log</h2>
      {events.length === 0 ? <p className="note">(none yet)</p> : null}
      <ol className="events" data-testid="events">
        {events.map((e, i) => (
          <li key={`${e.time}-${i}`}>
            <time dateTime={toIso(e.time)}>{localText(e.time).slice(5, 16)}</time> {eventWords(e.name)}
          </li>
        ))}
      </ol>
    </section>
  );
}
