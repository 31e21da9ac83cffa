// `npm run build:web`: the meter page as a static site in dist-web/, relative paths so it can be
// hosted anywhere. The firmware's crypto module resolves to its noble implementation here.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const NODE_CRYPTO = fileURLToPath(new URL('../firmware/tokens/crypto.ts', import.meta.url));
const BROWSER_CRYPTO = fileURLToPath(new URL('../firmware/tokens/crypto.browser.ts', import.meta.url));

/** Every import that resolves to firmware/tokens/crypto.ts gets crypto.browser.ts instead. */
const browserCrypto: Plugin = {
  name: 'nowan-browser-crypto',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!source.endsWith('crypto.js')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === NODE_CRYPTO ? BROWSER_CRYPTO : null;
  },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [browserCrypto],
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist-web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
});
