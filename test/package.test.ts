/** The published package: what `npm pack` ships must load in plain Node, with declarations. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

test('the build emits JavaScript and declarations that plain Node loads by package name', () => {
  // A package with only package.json and dist/, as published; dependencies come from this repo.
  const scratch = mkdtempSync(join(tmpdir(), 'rat-package-'));
  const pkg = join(scratch, 'pkg');
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')], { cwd: root, stdio: 'pipe' });
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  for (const entry of ['index', 'testing/index', 'testing/reporter', 'prebuilt/index', 'durable/index']) {
    expect(existsSync(join(pkg, 'dist', `${entry}.d.ts`))).toBe(true);
  }
  // No tsx, no "source" condition, no src/: the default export conditions resolve to dist/.
  const script = `
    const main = await import('react-agent-tasks');
    const testing = await import('react-agent-tasks/testing');
    const prebuilt = await import('react-agent-tasks/prebuilt');
    const durable = await import('react-agent-tasks/durable');
    const reporter = await import('react-agent-tasks/testing/reporter');
    console.log(JSON.stringify({ main: typeof main.runTask, testing: typeof testing.renderWorkflow, prebuilt: typeof prebuilt.GetEmail, durable: typeof durable.openFileCheckpointStore, reporter: typeof reporter.default }));
  `;
  // Outside a test run: without VITEST set, the testing entry does not register afterEach.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8', env });
  expect(JSON.parse(output)).toEqual({ main: 'function', testing: 'function', prebuilt: 'function', durable: 'function', reporter: 'function' });
}, 120_000);
