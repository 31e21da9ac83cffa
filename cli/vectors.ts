// `nowan vectors verify`: check the signed manifest of the vector suite.
import { Command } from 'commander';
import { verifyManifest } from '../conformance/manifest.js';
import { VECTOR_ROOT } from './conformance.js';

export function vectorsCommand(): Command {
  const vectors = new Command('vectors');
  vectors
    .command('verify')
    .description('check vectors/manifest.sig (Ed25519) and the SHA-256 of every vector file')
    .option('--vectors <dir>', 'vector folder', VECTOR_ROOT)
    .action((opts: { vectors: string }) => {
      const r = verifyManifest(opts.vectors);
      if (r.ok) {
        process.stdout.write(`OK: signature valid, ${r.files} files match the manifest\n`);
        return;
      }
      process.stdout.write(`FAILED:\n  ${r.problems.join('\n  ')}\n`);
      process.exitCode = 1;
    });
  return vectors;
}
