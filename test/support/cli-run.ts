// Run one CLI command in this process (no Node start-up per case): what it printed and what it threw.
import type { Command } from 'commander';
import { vi } from 'vitest';

export async function runCli(make: () => Command, args: string[]): Promise<{ stdout: string; error: Error | null }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await make().parseAsync(args, { from: 'user' });
    return { stdout: chunks.join(''), error: null };
  } catch (e) {
    return { stdout: chunks.join(''), error: e as Error };
  } finally {
    spy.mockRestore();
  }
}
