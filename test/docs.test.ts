// The docs cannot lie: every worked example in docs/ is recomputed or run here, and the state diagram
// must match the machine.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstMismatch } from '../conformance/match.js';
import { bytesToHex } from '../firmware/tokens/crypto.js';
import { recoverCounter } from '../firmware/tokens/counter-cache.js';
import { issueUtrn } from '../vending/utrn.js';
import { issueCommandToken } from '../vending/command-token.js';
import { stateMachineDoc } from '../scripts/state-diagram.js';
import { device, rtdsParty } from './helpers.js';

const doc = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');
const blocks = (text: string, tag: string) => [...text.matchAll(new RegExp('```json ' + tag + '\\n([\\s\\S]*?)```', 'g'))].map((m) => JSON.parse(m[1]!));
const strip = (s: string) => s.replace(/ /g, '');

describe('docs/tokens.md worked examples', () => {
  const examples = blocks(doc('tokens.md'), 'worked-example');
  it('has the GBCS, 40-digit, 60-digit and counter examples', () => {
    expect(examples.map((e) => e.family)).toEqual(['gbcs', 'nowan', 'nowan', 'counter']);
  });
  for (const e of examples) {
    it(`${e.family} ${e.name ?? ''} ${e.utrnCounter ?? ''}`, () => {
      if (e.family === 'counter') {
        expect(recoverCounter(e.highest, e.truncated, e.width)).toBe(e.recovered);
        return;
      }
      // The KDF and the cut of the tag, straight from the text of the spec.
      expect(createHash('sha256').update(Buffer.from(e.kdfInput, 'hex')).digest('hex')).toBe(e.sha256);
      expect(e.sha256.slice(0, 32)).toBe(e.key);
      expect(e.tag.endsWith(e.mac)).toBe(true);
      if (e.family === 'gbcs') {
        const u = issueUtrn(rtdsParty, e.utrnCounter, e.fields.valueClass, e.fields.value);
        expect([bytesToHex(u.key), bytesToHex(u.aad), bytesToHex(u.tag), u.ptut.toString(16).padStart(16, '0'), u.pptd, u.token]).toEqual([e.key, e.aad, e.tag, e.ptut, e.pptd, e.token]);
        expect(e.ptut.endsWith(e.mac)).toBe(true);
        expect(e.iv).toBe(bytesToHex(rtdsParty.originatorId) + '00000000');
      } else {
        const t = issueCommandToken(rtdsParty, e.utrnCounter, e.name, e.fields);
        expect([bytesToHex(t.body), bytesToHex(t.key), bytesToHex(t.aad), bytesToHex(t.tag), t.token]).toEqual([e.body, e.key, e.aad, e.tag, strip(e.token)]);
        const macBytes = strip(e.token).length === 40 ? 8 : 12;
        expect(e.mac).toHaveLength(macBytes * 2);
        const data = strip(e.token).match(/.{20}/g)!.map((b) => b.slice(0, 19)).join('');
        expect(data).toBe(e.x);
        expect(BigInt(e.x) & ((1n << BigInt(macBytes * 8)) - 1n)).toBe(BigInt('0x' + e.mac));
      }
    });
  }
});

describe('docs/meter-rules.md worked examples', () => {
  const vectors = blocks(doc('meter-rules.md'), 'worked-example-vector');
  it('has examples', () => expect(vectors.length).toBeGreaterThanOrEqual(5));
  vectors.forEach((v, i) => {
    it(`example ${i + 1} runs as written`, () => {
      const d = device(v.meter, v.time);
      for (const step of v.steps) {
        const { expect: want, ...request } = step;
        const reply = d.handle(request);
        if (want) expect(firstMismatch(want, reply)).toBeNull();
        else expect((reply as { ok: boolean }).ok).toBe(true);
      }
    });
  });
});

describe('docs/state-machine.md', () => {
  it('is generated from the machine and current (npm run diagram)', () => {
    expect(doc('state-machine.md')).toBe(stateMachineDoc());
  });
});
