// The virtual clock (x1 / x60 / x3600, pause, next boundary) and the household load presets.
import { localText } from '../firmware/clock.js';
import type { MeterState } from '../firmware/state.js';
import { SPEEDS, type Session, type SessionView } from '../keypad-sim/session.js';
import { PROFILES } from '../sim/profiles.js';

/** Step a cycling control until it shows `done`; it has `n` positions. */
function cycleTo(step: () => void, done: () => boolean, n: number): void {
  for (let i = 0; i < n && !done(); i++) step();
}

export function ClockPanel({ session, view, meter }: { session: Session; view: SessionView; meter: MeterState }) {
  const typing = meter.keypad.buffer !== '';
  return (
    <section className="panel clock" aria-labelledby="clock-title">
      <h2 id="clock-title">Clock and load</h2>
      <p className="time" data-testid="clock">
        {localText(meter.time)}
        <span className="speed"> x{typing && !view.paused ? 1 : view.speed}</span>
        {typing && !view.paused ? <span className="note"> (typing)</span> : null}
        {view.paused ? <span className="note"> paused</span> : null}
      </p>
      <div className="buttons" role="group" aria-label="Clock speed">
        {SPEEDS.map((s) => (
          <button key={s} type="button" aria-pressed={view.speed === s} onClick={() => cycleTo(() => session.cycleSpeed(), () => session.getSnapshot().speed === s, SPEEDS.length)}>
            x{s}
          </button>
        ))}
        <button type="button" aria-pressed={view.paused} onClick={() => session.togglePause()}>
          {view.paused ? 'Run' : 'Pause'}
        </button>
        <button type="button" onClick={() => session.jumpToNextBoundary()}>
          Next boundary
        </button>
      </div>
      <div className="buttons" role="group" aria-label="Load preset">
        {PROFILES.map((p) => (
          <button
            key={p.name}
            type="button"
            aria-pressed={view.profile === p.name}
            onClick={() => cycleTo(() => session.cycleProfile(), () => session.getSnapshot().profile === p.name, PROFILES.length)}
          >
            {p.name}
          </button>
        ))}
      </div>
      <p>
        Load <strong data-testid="load">{meter.loadW} W</strong>{' '}
        <button type="button" className="small" aria-label="Load down 100 W" onClick={() => session.adjustLoad(-100)}>
          −100 W
        </button>{' '}
        <button type="button" className="small" aria-label="Load up 100 W" onClick={() => session.adjustLoad(100)}>
          +100 W
        </button>
      </p>
    </section>
  );
}
