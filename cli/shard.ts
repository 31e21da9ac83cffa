// Which shard this process runs: `--shard i/n`, else NOWAN_SHARD=i/n, else a Kubernetes Indexed Job's
// JOB_COMPLETION_INDEX (0-based) with the count from `--shard-count` or NOWAN_SHARD_COUNT. A GitHub
// Actions matrix passes `--shard ${{ matrix.shard }}/N` itself.
import { parseShard } from '../conformance/vectors.js';

export interface ShardChoice {
  shard?: string;
  shardCount?: string;
}

export function resolveShard(o: ShardChoice, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } {
  if (o.shard !== undefined) return parseShard(o.shard);
  if (env.NOWAN_SHARD) return parseShard(env.NOWAN_SHARD);
  const index = env.JOB_COMPLETION_INDEX;
  const countText = o.shardCount ?? env.NOWAN_SHARD_COUNT;
  if (index === undefined) {
    if (countText !== undefined) throw new Error('a shard count without JOB_COMPLETION_INDEX: give --shard i/n instead');
    return { index: 1, count: 1 };
  }
  if (!/^\d+$/.test(index)) throw new Error(`JOB_COMPLETION_INDEX must be an integer >= 0, got ${JSON.stringify(index)}`);
  if (countText === undefined) throw new Error('JOB_COMPLETION_INDEX is set: give the shard count with --shard-count or NOWAN_SHARD_COUNT');
  if (!/^\d+$/.test(countText) || Number(countText) < 1) throw new Error(`the shard count must be a positive integer, got ${JSON.stringify(countText)}`);
  return parseShard(`${Number(index) + 1}/${Number(countText)}`);
}
