// The meter page: the nowan firmware running in the browser, one Session (keypad-sim/session.ts)
// driving it exactly as the terminal emulator does. Components read the session snapshot and only
// send events.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Session } from '../keypad-sim/session.js';
import { BalanceChart } from './BalanceChart.js';
import { ClockPanel } from './ClockPanel.js';
import { demoMeter, Vending, type Issued } from './demo.js';
import { EventLog } from './EventLog.js';
import { record, type Point } from './history.js';
import { MeterFace } from './MeterFace.js';
import { PpmidPanel } from './PpmidPanel.js';
import { meterFromText, newMeter, openMeter, type BrowserMeter } from './store.js';
import { VendingPanel } from './VendingPanel.js';

const TICK_MS = 250;
const KEYPAD_KEYS = /^[0-9#*]$/;

/** The shell, not the firmware, picks a start time: now, to the minute. */
const now = () => Math.floor(Date.now() / 60_000) * 60;

function isTextField(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function App({ storage }: { storage: Storage }) {
  const [opened] = useState(() => openMeter(storage, () => demoMeter(now())));
  const [meter, setMeter] = useState<BrowserMeter>(opened.meter);
  const [notice, setNotice] = useState<string>(opened.problem ?? '');
  const session = useMemo(() => new Session(meter), [meter]);
  const view = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [history, setHistory] = useState<readonly Point[]>([]);
  const [issued, setIssued] = useState<readonly Issued[]>([]);
  const [ppmidText, setPpmidText] = useState('');
  const [vending] = useState(() => new Vending(storage));
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => setHistory((h) => record(h, view.meter)), [view.meter]);

  useEffect(() => {
    let last = performance.now();
    const id = setInterval(() => {
      const t = performance.now();
      session.tick(t - last);
      last = t;
    }, TICK_MS);
    return () => clearInterval(id);
  }, [session]);

  // Keyboard entry anywhere outside a text field, as on the meter's keypad.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      let key: string | null = null;
      if (KEYPAD_KEYS.test(e.key)) key = e.key;
      else if (e.key === 'Backspace') key = '<';
      else if (e.key === 'Escape') key = '*';
      // Enter submits whatever is typed, wherever the focus is (a focused vending button must not
      // vend again instead); with nothing typed it leaves a focused button or link to do its own job.
      else if (e.key === 'Enter' && (session.typing || !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement))) key = '#';
      if (key === null) return;
      e.preventDefault();
      session.keys(key);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTextField(e.target)) return;
      const digits = (e.clipboardData?.getData('text') ?? '').replace(/[\s-]/g, '');
      if (!/^[0-9#*]+$/.test(digits)) return;
      e.preventDefault();
      session.keys(digits);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [session]);

  const replace = (next: BrowserMeter, message: string) => {
    setHistory([]);
    setMeter(next);
    setNotice(message);
  };

  const exportFile = () => {
    const url = URL.createObjectURL(new Blob([meter.text()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'nowan-meter.json';
    a.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (file: File) => {
    try {
      replace(meterFromText(await file.text(), file.name, storage), `Imported ${file.name}.`);
    } catch (e) {
      setNotice(`Not imported: ${(e as Error).message}`);
    }
  };

  return (
    <>
      <header className="top">
        <h1>
          nowan meter <span className="badge">DEMO · TEST KEYS</span>
        </h1>
        <div className="buttons" role="group" aria-label="Meter file">
          <button type="button" onClick={exportFile}>
            Export meter
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import meter
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            aria-label="Meter state file to import"
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="quiet" onClick={() => replace(newMeter(demoMeter(now()), storage), 'A new demo meter.')}>
            New demo meter
          </button>
        </div>
      </header>
      {notice ? (
        <p className="notice" role="status" data-testid="notice">
          {notice}
        </p>
      ) : null}
      <main className="grid">
        <MeterFace session={session} meter={view.meter} notice={view.notice} />
        <div className="column">
          <PpmidPanel session={session} message={view.ppmidMessage} text={ppmidText} setText={setPpmidText} />
          <ClockPanel session={session} view={view} meter={view.meter} />
        </div>
        <VendingPanel
          session={session}
          meter={view.meter}
          vending={vending}
          issued={issued}
          onIssued={(i) => setIssued((list) => [i, ...list].slice(0, 6))}
          toPpmid={setPpmidText}
        />
        <BalanceChart history={history} />
        <EventLog meter={view.meter} />
      </main>
    </>
  );
}
