/** `npm run build`, after tsc: writes the page bundle next to the compiled server (dist/inspector/page.bundle.js). */
import { writeFileSync } from 'node:fs';
import { bundlePage } from './page-bundle.js';

writeFileSync(new URL('./page.bundle.js', import.meta.url), await bundlePage());
