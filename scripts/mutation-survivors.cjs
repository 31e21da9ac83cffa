// node scripts/mutation-survivors.cjs reports/mutation/mutation.json docs/mutation-reasons.json
// prints the score and every surviving / no-coverage mutant of a StrykerJS run, by file, with the reason it
// is left (docs/mutation-reasons.json, matched by the text of the mutant's source line, so it survives
// line moves); a mutant no reason matches is printed as **not analysed**. docs/mutation.md is its output.
const fs=require('fs');const [rep,rs]=process.argv.slice(2);
const r=JSON.parse(fs.readFileSync(rep,'utf8'));const reasons=JSON.parse(fs.readFileSync(rs,'utf8'));
let out=[];let total=0,killed=0,left=0,unexplained=0;const perFile=[];
for(const f of Object.keys(r.files).sort()){const v=r.files[f];const lines=v.source.split('\n');
  let t=0,k=0;const rows=[];
  for(const m of v.mutants){if(['Ignored','CompileError','RuntimeError'].includes(m.status))continue;t++;
    if(m.status==='Killed'||m.status==='Timeout'){k++;continue;}
    const ln=m.location.start.line;const text=lines[ln-1].trim();
    const cand=(reasons[f]||[]).find(x=>text.includes(x.line)&&(!x.mutator||x.mutator===m.mutatorName)&&(!x.replacement||String(m.replacement).includes(x.replacement)));
    if(!cand)unexplained++;
    rows.push(`| ${ln}:${m.location.start.column} | ${m.mutatorName}${m.static?' (static)':''} | \`${String(m.replacement).replace(/\|/g,'\\|').replace(/\n/g,' ').slice(0,60)}\` | ${cand?cand.reason:'**not analysed**'} |`);}
  total+=t;killed+=k;left+=rows.length;perFile.push([f,t,k]);
  if(rows.length){out.push(`\n### ${f} (${k} of ${t} killed)\n\n| at | mutator | replacement | why it is left |\n|---|---|---|---|`);out.push(...rows);}}
console.log(JSON.stringify({total,killed,score:(100*killed/total).toFixed(2),left,unexplained}),'\n');
console.log(out.join('\n'));
