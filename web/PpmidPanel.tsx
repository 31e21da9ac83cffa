// The PPMID (the in-home prepayment device): paste a token or an envelope and send it to the meter,
// its own A and B buttons, and the pasted text as a QR code.
import { useState } from 'react';
import type { Session } from '../keypad-sim/session.js';
import { QrCode } from './QrCode.js';

/** The longest text the field takes; the meter itself refuses envelopes over 4 KiB. */
const MAX_TEXT = 8192;

export function PpmidPanel({ session, message, text, setText }: { session: Session; message: string; text: string; setText: (t: string) => void }) {
  const [showQr, setShowQr] = useState(false);
  const send = () => {
    if (text.trim() === '') return;
    session.ppmidClear();
    session.ppmidType(text);
    session.ppmidSubmit();
    setText('');
  };
  return (
    <section className="panel ppmid" aria-labelledby="ppmid-title">
      <h2 id="ppmid-title">PPMID</h2>
      <label htmlFor="ppmid-text">Token digits or envelope (JWS)</label>
      <textarea
        id="ppmid-text"
        rows={2}
        maxLength={MAX_TEXT}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div className="buttons">
        <button type="button" onClick={send} disabled={text.trim() === ''}>
          Send to meter
        </button>
        <button type="button" onClick={() => session.button('A', 'ppmid')}>
          A · emergency credit
        </button>
        <button type="button" onClick={() => session.button('B', 'ppmid')}>
          B · enable supply
        </button>
        <button type="button" className="quiet" aria-pressed={showQr} onClick={() => setShowQr(!showQr)} disabled={text.trim() === ''}>
          QR code
        </button>
      </div>
      <p className="result" role="status" data-testid="ppmid-message">
        {message}
      </p>
      {showQr && text.trim() !== '' ? <QrCode text={text.trim()} label="QR code of the text in the PPMID field" /> : null}
    </section>
  );
}
