// The certificate a manufacturer attaches for a supplier or a test house, as Markdown or HTML: the
// verdict, the DUT, the suite's hash and signature status, the date, the per-area table and every
// failure with its first mismatching step. Made only from the JSON report, so a merged report
// certifies the same way as an unsharded run.
import { PUBLISHED_SIGNING_KEY } from './manifest.js';
import { failureLine, type Report } from './reports.js';

export interface Verdict {
  /** true only for the whole published suite, unmodified, every vector passed */
  certified: boolean;
  headline: string;
}

export function verdict(r: Report): Verdict {
  const partial = r.selection.filter !== null || r.selection.shard !== null;
  if (r.failed > 0) return { certified: false, headline: `FAIL: ${r.failed} of ${r.total} vectors failed` };
  if (r.suite.status === 'modified') return { certified: false, headline: `NOT CERTIFIED: all ${r.total} vectors passed, but the suite is MODIFIED (not the published one)` };
  if (partial) return { certified: false, headline: `PARTIAL: all ${r.total} selected vectors passed; a certificate needs the whole suite` };
  return { certified: true, headline: `PASS: all ${r.total} vectors of the published suite passed` };
}

interface Row {
  label: string;
  value: string;
}

function facts(r: Report): Row[] {
  const s = r.suite;
  const { filter, shard, matched } = r.selection;
  const run = shard ? `${r.total} (shard ${shard.index}/${shard.count} of the ${matched}${filter !== null ? ` selected by filter ${filter}` : ''})` : filter !== null ? `${r.total} (filter ${filter})` : String(r.total);
  return [
    { label: 'Device under test', value: `${r.dut.name} ${r.dut.version} (protocol ${r.dut.protocol})` },
    { label: 'Connected as', value: `${r.dut.transport}: ${r.dut.target}` },
    { label: 'Suite', value: `nowan vectors ${s.version}, ${s.status === 'unmodified' ? 'published suite, unmodified' : 'MODIFIED'}` },
    { label: 'Manifest SHA-256', value: s.manifestSha256 ?? 'none (manifest.json missing)' },
    { label: 'Signature', value: s.signature === 'valid' ? `valid (Ed25519, the published nowan key ${PUBLISHED_SIGNING_KEY.slice(0, 16)}...)` : s.signature.toUpperCase() },
    { label: 'Vectors run', value: run },
    { label: 'Date', value: `${r.startedAt} to ${r.endedAt} (UTC)` },
    { label: 'Runner', value: `nowan ${r.nowanVersion}` },
  ];
}

function changedFiles(r: Report): string[] {
  return [...r.suite.modified.map((f) => `modified: ${f}`), ...r.suite.missing.map((f) => `missing: ${f}`), ...r.suite.extra.map((f) => `extra: ${f}`), ...(r.suite.unreadable ? [r.suite.unreadable] : [])];
}

const md = (s: string) => s.replace(/([\\`*_|<>[\]])/g, '\\$1').replace(/\n/g, ' ');

export function certificateMarkdown(r: Report): string {
  const v = verdict(r);
  const out = ['# nowan conformance certificate', '', `**${md(v.headline)}**`, '', '| | |', '|---|---|', ...facts(r).map((f) => `| ${f.label} | ${md(f.value)} |`), ''];
  const changed = changedFiles(r);
  if (changed.length) out.push('## Suite changes', '', ...changed.map((c) => `- ${md(c)}`), '');
  out.push('## Results by area', '', '| Area | Vectors | Passed | Failed |', '|---|---:|---:|---:|');
  for (const [area, c] of Object.entries(r.areas)) out.push(`| ${area} | ${c.total} | ${c.passed} | ${c.failed} |`);
  out.push(`| **total** | **${r.total}** | **${r.passed}** | **${r.failed}** |`, '');
  out.push('## Failures', '');
  const failed = r.results.filter((x) => !x.passed);
  if (!failed.length) out.push('None.', '');
  for (const f of failed) {
    out.push(`### ${md(f.id)} ${md(f.title)}`, '', `- file: \`${f.file}\``, `- first mismatch: ${md(failureLine(f))}`);
    if (f.request !== undefined) out.push(`- request: \`${JSON.stringify(f.request).replace(/`/g, "'").slice(0, 500)}\``);
    out.push('');
  }
  return out.join('\n');
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function certificateHtml(r: Report): string {
  const v = verdict(r);
  const rows = facts(r)
    .map((f) => `<tr><th>${html(f.label)}</th><td>${html(f.value)}</td></tr>`)
    .join('\n');
  const areas = Object.entries(r.areas)
    .map(([a, c]) => `<tr><td>${html(a)}</td><td>${c.total}</td><td>${c.passed}</td><td class="${c.failed ? 'bad' : ''}">${c.failed}</td></tr>`)
    .join('\n');
  const changed = changedFiles(r);
  const failed = r.results.filter((x) => !x.passed);
  const failures = failed.length
    ? failed
        .map((f) => `<section class="failure"><h3>${html(f.id)} ${html(f.title)}</h3><p>file <code>${html(f.file)}</code></p><p>first mismatch: <code>${html(failureLine(f))}</code></p>${f.request !== undefined ? `<p>request: <code>${html(JSON.stringify(f.request).slice(0, 500))}</code></p>` : ''}</section>`)
        .join('\n')
    : '<p>None.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>nowan conformance certificate: ${html(r.dut.name)} ${html(r.dut.version)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #333; padding-bottom: .4rem; }
.verdict { font-size: 1.3rem; font-weight: bold; padding: .8rem 1rem; border-radius: 6px; }
.verdict.pass { background: #e3f5e1; color: #145214; border: 1px solid #6fbf6a; }
.verdict.fail { background: #fbe4e4; color: #7a1010; border: 1px solid #d46a6a; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .35rem .7rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-weight: 600; }
table.areas td:not(:first-child) { text-align: right; }
td.bad { color: #a00; font-weight: bold; }
code { font-family: ui-monospace, monospace; font-size: .9em; word-break: break-all; }
.failure { border-left: 4px solid #d46a6a; padding-left: .8rem; margin: 1rem 0; }
</style>
</head>
<body>
<h1>nowan conformance certificate</h1>
<p class="verdict ${v.certified ? 'pass' : 'fail'}">${html(v.headline)}</p>
<table class="facts">
${rows}
</table>
${changed.length ? `<h2>Suite changes</h2>\n<ul>${changed.map((c) => `<li>${html(c)}</li>`).join('')}</ul>` : ''}
<h2>Results by area</h2>
<table class="areas">
<tr><th>Area</th><th>Vectors</th><th>Passed</th><th>Failed</th></tr>
${areas}
<tr><th>total</th><th>${r.total}</th><th>${r.passed}</th><th>${r.failed}</th></tr>
</table>
<h2>Failures</h2>
${failures}
</body>
</html>
`;
}
