/** The published package: what `npm run build` makes and `npm pack` ships must load in plain Node, with declarations. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

test('`npm run build` emits JavaScript, declarations and the inspector page that plain Node loads by package name', () => {
  // The package's own build script, run on a copy of what it reads (so this repo's dist/ is left
  // alone); dependencies come from this repo's node_modules.
  const scratch = mkdtempSync(join(tmpdir(), 'rat-package-'));
  const pkg = join(scratch, 'pkg');
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
  mkdirSync(pkg);
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) copyFileSync(join(root, file), join(pkg, file));
  cpSync(join(root, 'src'), join(pkg, 'src'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  execFileSync('npm', ['run', 'build'], { cwd: pkg, stdio: 'pipe' });

  // What `npm pack` would ship: the inspector's page is prebuilt, so users need no bundler.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: pkg, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  const shipped = new Set(packed.files.map((file) => file.path));
  for (const entry of ['index', 'testing/index', 'testing/reporter', 'prebuilt/index', 'durable/index', 'inspector/index', 'diagram/index']) {
    expect(shipped).toContain(`dist/${entry}.js`);
    expect(shipped).toContain(`dist/${entry}.d.ts`);
  }
  expect(shipped).toContain('dist/inspector/page.bundle.js');

  // No tsx, no "source" condition, no src/: the default export conditions resolve to dist/, and the
  // inspector serves the prebuilt page (its fallback would need esbuild, a dev dependency).
  rmSync(join(pkg, 'src'), { recursive: true });
  const script = `
    const main = await import('react-agent-tasks');
    const testing = await import('react-agent-tasks/testing');
    const prebuilt = await import('react-agent-tasks/prebuilt');
    const durable = await import('react-agent-tasks/durable');
    const reporter = await import('react-agent-tasks/testing/reporter');
    const diagram = await import('react-agent-tasks/diagram');
    const { startInspector } = await import('react-agent-tasks/inspector');
    const inspector = await startInspector({ port: 0 });
    const page = await (await fetch(new URL('/app.js', inspector.url))).text();
    await inspector.close();
    console.log(JSON.stringify({
      main: typeof main.runTask, testing: typeof testing.renderWorkflow, prebuilt: typeof prebuilt.GetEmail,
      durable: typeof durable.openFileCheckpointStore, reporter: typeof reporter.default, diagram: typeof diagram.toMermaid, page,
    }));
  `;
  // Outside a test run: without VITEST set, the testing entry does not register afterEach.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const output = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8', env }));
  expect(output).toEqual({
    main: 'function',
    testing: 'function',
    prebuilt: 'function',
    durable: 'function',
    reporter: 'function',
    diagram: 'function',
    page: readFileSync(join(pkg, 'dist/inspector/page.bundle.js'), 'utf8'),
  });
}, 120_000);
