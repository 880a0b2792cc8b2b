/** The published package: what `npm pack` ships must load in plain Node, with declarations. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

test('the build emits JavaScript and declarations that plain Node loads by package name', () => {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  for (const entry of ['index', 'testing/index', 'prebuilt/index']) {
    expect(existsSync(`${root}/dist/${entry}.d.ts`)).toBe(true);
  }
  // No tsx, no "source" condition: the default export conditions resolve to dist/.
  const script = `
    const main = await import('react-agent-tasks');
    const testing = await import('react-agent-tasks/testing');
    const prebuilt = await import('react-agent-tasks/prebuilt');
    console.log(JSON.stringify({ main: typeof main.runTask, testing: typeof testing.renderWorkflow, prebuilt: typeof prebuilt.GetEmail }));
  `;
  // Outside a test run: without VITEST set, the testing entry does not register afterEach.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env });
  expect(JSON.parse(output)).toEqual({ main: 'function', testing: 'function', prebuilt: 'function' });
}, 120_000);
