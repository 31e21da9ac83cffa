// The shipped batch manifests (deploy/) run the commands docs/scale.md describes, and those commands
// parse with the real CLI into shards that cover the fleet once, with a merge over every shard's output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { resolveShard } from '../cli/shard.js';
import { studyCommand, studyParams } from '../cli/study.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const docs = read('docs/scale.md');

/** Parse `study ...` argv with the real option definitions; returns the sub-command and its options. */
async function parse(argv: string[]): Promise<{ name: string; args: string[]; opts: Record<string, unknown> }> {
  const study = studyCommand();
  let got: { name: string; args: string[]; opts: Record<string, unknown> } | null = null;
  for (const sub of study.commands as Command[]) {
    sub.exitOverride();
    sub.action((...a: unknown[]) => {
      const cmd = a.at(-1) as Command;
      got = { name: cmd.name(), args: cmd.args, opts: cmd.opts() };
    });
  }
  study.exitOverride();
  expect(argv[0]).toBe('study');
  await study.parseAsync(argv.slice(1), { from: 'user' });
  return got!;
}

/** The nowan invocations of a manifest: what follows `node dist/cli/main.js` up to the end of its line or quote. */
const invocations = (text: string) => [...text.matchAll(/node dist\/cli\/main\.js ([^"\n]+)/g)].map((m) => m[1]!);

describe('deploy/kubernetes/study-job.yaml', () => {
  const yaml = read('deploy/kubernetes/study-job.yaml');
  const [shardCmd, mergeCmd] = invocations(yaml);

  it('is an Indexed Job of 8 completions with the shard count 8, and docs/scale.md shows its commands', () => {
    expect(yaml).toMatch(/completionMode: Indexed/);
    expect(yaml).toMatch(/completions: 8\n/);
    expect(yaml).toMatch(/name: NOWAN_SHARD_COUNT\n\s+value: "8"/);
    expect(docs).toContain(`nowan ${shardCmd}`);
    expect(docs).toContain(`nowan ${mergeCmd}`);
  });

  it('its pods run shards 1/8..8/8 of one study into the directories the merge reads', async () => {
    const outs: string[] = [];
    for (let k = 0; k < 8; k++) {
      const env = { JOB_COMPLETION_INDEX: String(k), NOWAN_SHARD_COUNT: '8' };
      const run = await parse(shardCmd!.replace('$JOB_COMPLETION_INDEX', String(k)).split(' '));
      expect(run.name).toBe('no-wan');
      expect(resolveShard(run.opts, env)).toEqual({ index: k + 1, count: 8 });
      expect(studyParams(run.opts).meters).toBe(8_000_000);
      outs.push(run.opts.out as string);
    }
    const merge = await parse(mergeCmd!.split(' '));
    expect(merge.name).toBe('merge');
    expect(merge.args).toEqual(outs);
  });
});

describe('deploy/github-actions/study.yml', () => {
  const yaml = read('deploy/github-actions/study.yml');
  const [shardCmd, mergeCmd] = invocations(yaml);

  it('docs/scale.md shows its commands', () => {
    expect(yaml).toMatch(/shard: \[1, 2, 3, 4\]/);
    expect(docs).toContain(`nowan ${shardCmd}`);
    expect(docs).toContain(`nowan ${mergeCmd}`);
  });

  it('its matrix runs shards 1/4..4/4 and the merge reads every shard', async () => {
    const outs: string[] = [];
    for (const k of [1, 2, 3, 4]) {
      const run = await parse(shardCmd!.replaceAll('${{ matrix.shard }}', String(k)).split(' '));
      expect(resolveShard(run.opts, {})).toEqual({ index: k, count: 4 });
      outs.push(run.opts.out as string);
    }
    expect((await parse(mergeCmd!.split(' '))).args).toEqual(outs);
  });
});
