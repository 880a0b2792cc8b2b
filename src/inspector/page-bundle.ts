import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Written by `npm run build` next to the compiled server: the published package needs no bundler. */
const PREBUILT = new URL('./page.bundle.js', import.meta.url);

/** The page's entry: `page/main.tsx` in the sources, `page/main.js` once compiled. */
function entryPoint(): string {
  const source = fileURLToPath(new URL('./page/main.tsx', import.meta.url));
  return existsSync(source) ? source : fileURLToPath(new URL('./page/main.js', import.meta.url));
}

/** Bundles the React DOM page (react-dom, the graph layout, our components) into one ES module. */
export async function bundlePage(): Promise<string> {
  // A dev dependency: only the sources and `npm run build` bundle; the package ships the result.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entryPoint()],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

let cached: Promise<string> | undefined;

/** The page's script: the prebuilt bundle when there is one, else bundled once per process. */
export function pageScript(): Promise<string> {
  if (existsSync(PREBUILT)) return Promise.resolve(readFileSync(PREBUILT, 'utf8'));
  cached ??= bundlePage().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
