// Vending for the demo meter with its TEST keys: presets, any command of tokens.md table 6, and
// envelopes. Each issue takes a new counter (demo.ts); the result can be typed on the meter's keypad,
// sent through the PPMID, or copied.
import { useState } from 'react';
import type { MeterState } from '../firmware/state.js';
import { COMMANDS, COMMAND_BY_NAME, type CommandName } from '../firmware/tokens/command-table.js';
import type { Session } from '../keypad-sim/session.js';
import { isDemoMeter, type Issued, type Order, type Vending } from './demo.js';

const PRESETS: readonly { label: string; order: Order }[] = [
  { label: 'Top-up £10', order: { name: 'TopUp', pounds: 10 } },
  { label: 'Top-up £50', order: { name: 'TopUp', pounds: 50 } },
  { label: 'Add debt £25', order: { name: 'AddDebt', fields: { register: 0, amount: 2500 } } },
  { label: 'Price 30.000p/kWh now', order: { name: 'ChangePrice', fields: { element: 0, price: 30_000, activationDay: 0, activationMinute: 0 } } },
];

type Choice = 'TopUp' | CommandName;

function fieldsOf(name: Choice): readonly (readonly [string, number])[] {
  return name === 'TopUp' ? [['pounds', 13]] : COMMAND_BY_NAME.get(name)!.fields;
}

interface Props {
  session: Session;
  meter: MeterState;
  vending: Vending;
  issued: readonly Issued[];
  onIssued: (i: Issued) => void;
  toPpmid: (text: string) => void;
}

export function VendingPanel({ session, meter, vending, issued, onIssued, toPpmid }: Props) {
  const [choice, setChoice] = useState<Choice>('TopUp');
  const [values, setValues] = useState<Record<string, string>>({ pounds: '5' });
  const [error, setError] = useState('');
  if (!isDemoMeter(meter)) {
    return (
      <section className="panel vending" aria-labelledby="vending-title">
        <h2 id="vending-title">Vending</h2>
        <p className="note">This meter does not use the demo keys, so this page cannot issue tokens for it.</p>
      </section>
    );
  }
  const run = (make: () => Issued) => {
    try {
      onIssued(make());
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const numbers = () => {
    const out: Record<string, number> = {};
    for (const [f, bits] of fieldsOf(choice)) {
      const v = (values[f] ?? '0').trim();
      if (!/^\d+$/.test(v) || Number(v) >= 2 ** bits) throw new RangeError(`${f} must be a whole number 0..${2 ** bits - 1}`);
      out[f] = Number(v);
    }
    return out;
  };
  const custom = (): Order => (choice === 'TopUp' ? { name: 'TopUp', pounds: numbers().pounds! } : { name: choice, fields: numbers() });
  return (
    <section className="panel vending" aria-labelledby="vending-title">
      <h2 id="vending-title">
        Vending <span className="badge">TEST KEYS</span>
      </h2>
      <p className="warning">
        Demo keys from keys/demo-keyset.json: published, so anyone can forge tokens for this meter. Never use them for a real meter.
      </p>
      <div className="buttons" role="group" aria-label="Issue a preset token">
        {PRESETS.map((p) => (
          <button key={p.label} type="button" onClick={() => run(() => vending.token(meter, p.order, p.label))}>
            {p.label}
          </button>
        ))}
        <button type="button" onClick={() => run(() => vending.envelope(meter, [{ name: 'TopUp', amountPence: 2000 }], 'Envelope: top-up £20'))}>
          Envelope: top-up £20
        </button>
      </div>
      <fieldset>
        <legend>Any command</legend>
        <label htmlFor="vend-command">Command</label>
        <select
          id="vend-command"
          value={choice}
          onChange={(e) => {
            setChoice(e.target.value as Choice);
            setValues({});
          }}
        >
          <option value="TopUp">TopUp (pounds)</option>
          {COMMANDS.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <div className="fields">
          {fieldsOf(choice).map(([f, bits]) => (
            <label key={f}>
              {f}
              <input inputMode="numeric" value={values[f] ?? ''} placeholder="0" aria-describedby="vend-range" title={`0..${2 ** bits - 1}`} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
            </label>
          ))}
        </div>
        <p id="vend-range" className="note">
          Whole numbers in the field's range (tokens.md table 6); money in pence.
        </p>
        <div className="buttons">
          <button type="button" onClick={() => run(() => vending.token(meter, custom(), `${choice} token`))}>
            Issue token
          </button>
          <button
            type="button"
            onClick={() =>
              run(() => {
                const o = custom();
                const command = o.name === 'TopUp' ? { name: 'TopUp', amountPence: o.pounds * 100 } : { name: o.name, ...o.fields };
                return vending.envelope(meter, [command], `${choice} envelope`);
              })
            }
          >
            Issue envelope
          </button>
        </div>
      </fieldset>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="issued" aria-label="Issued, newest first" data-testid="issued">
        {issued.map((i) => (
          <li key={i.counter}>
            <div>
              <strong>{i.label}</strong> <span className="note">
                counter <span data-testid="issued-counter">{i.counter}</span>
              </span>
            </div>
            <code className={i.kind === 'token' ? 'digits' : 'jws'} data-testid={`issued-${i.kind}`}>
              {i.text}
            </code>
            <div className="buttons">
              {i.kind === 'token' ? (
                <button type="button" onClick={() => session.keys(i.text.replace(/ /g, '') + '#')}>
                  Type on keypad
                </button>
              ) : null}
              <button type="button" onClick={() => toPpmid(i.text)}>
                Put in PPMID
              </button>
              <button type="button" className="quiet" onClick={() => void navigator.clipboard?.writeText(i.text)}>
                Copy
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
