/**
 * The published declarations, as a user's project sees them: a consumer file type-checks against
 * the built package (dist/ only, no sources, no "source" condition) with each module resolution
 * that can read an ESM-only package, and fails the ways README's "Set up" says it does without
 * `@types/react` or with the old `node10` resolution. Offline: dependencies are this repo's.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** A file of a user's app: the typed path end to end, each `@ts-expect-error` must fail. */
const CONSUMER = `
import { voice } from '@livekit/agents';
import { Task, TaskGroup, defineGroup, defineTask, defineTool, optional, runTask, useComplete, useResult, useTaskResults, useTool, withUserData, type TaskGroupResult } from 'react-agent-tasks';
import { GetCreditCard, GetName, defineCreditCard, type GetCreditCardResult, type GetNameResult } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { z } from 'zod';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(_: Equal<A, B>) => {};

interface BookingData { guestName?: string }
const { useUserData, useTool: useBookingTool } = withUserData<BookingData>();

const name = defineTask<GetNameResult>('name');
const notes = defineTask<string>('notes');
const booking = defineGroup({ name, notes: optional(notes), card: defineCreditCard('card') });
const saveNotes = defineTool('save_notes', { description: 'Saves notes.', parameters: z.object({ notes: z.string() }) });

function Notes() {
  const complete = useComplete(notes);
  const guest = useResult(name);
  same<typeof guest, GetNameResult | undefined>(true);
  useTool(saveNotes, { execute: ({ notes }) => complete(notes) });
  useBookingTool('remember', {
    description: 'Remembers the guest.',
    execute: (_args, { userData }) => {
      userData.guestName = guest?.firstName;
      // @ts-expect-error a misspelled userData field
      userData.gustName = 'x';
    },
  });
  // @ts-expect-error only the step's result type
  complete(42);
  same<ReturnType<typeof useUserData>, BookingData>(true);
  return null;
}

export function Booking() {
  const results = useTaskResults(booking);
  same<typeof results.card, GetCreditCardResult | undefined>(true);
  return (
    <TaskGroup step={booking} onTaskCompleted={(event) => { if (event.taskId === 'card') same<typeof event.result, GetCreditCardResult>(true); }}>
      <GetName step={name} lastName />
      {results.name?.lastName === 'Notes' && <Task step={notes}><Notes /></Task>}
      <GetCreditCard step={booking.steps.card} />
    </TaskGroup>
  );
}

export class BookingAgent extends voice.Agent {
  override async onEnter() {
    const { taskResults } = await runTask(booking, <Booking />);
    same<typeof taskResults, { name: GetNameResult; notes?: string; card: GetCreditCardResult }>(true);
    // @ts-expect-error a misspelled step id
    taskResults.nmae;
    const guest = await runTask(GetName, { lastName: true });
    same<typeof guest, GetNameResult>(true);
    const untyped = await runTask(<Booking />);
    same<typeof untyped, unknown>(true);
  }
}

export async function test() {
  const flow = await renderWorkflow(booking, <Booking />, {
    llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'save_notes', args: { notes: 'x' } }] }], { tools: [saveNotes] }),
  });
  same<Awaited<typeof flow.result>, TaskGroupResult<{ name: GetNameResult; notes?: string; card: GetCreditCardResult }>>(true);
  // @ts-expect-error a scripted call its tool's schema refuses
  scriptedLLM([{ user: 'x', toolCalls: [{ name: 'save_notes', args: { notes: 1 } }] }], { tools: [saveNotes] });
}
`;

let scratch: string;

/**
 * A project whose node_modules holds this repo's packages (less `without`) and a copy of the built
 * package, where npm would put it: its own imports resolve from there, as after `npm install`.
 */
function project(name: string, compilerOptions: Record<string, unknown>, without: string[] = []): string {
  const dir = join(scratch, name);
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@types' || entry.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry), 'dir');
  }
  for (const entry of readdirSync(join(root, 'node_modules/@types'))) {
    if (!without.includes(`@types/${entry}`)) symlinkSync(join(root, 'node_modules/@types', entry), join(modules, '@types', entry), 'dir');
  }
  cpSync(join(scratch, 'pkg'), join(modules, 'react-agent-tasks'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', jsx: 'react-jsx', skipLibCheck: true, types: ['node'], ...compilerOptions }, files: ['consumer.tsx'] }),
  );
  writeFileSync(join(dir, 'consumer.tsx'), CONSUMER);
  return dir;
}

/** tsc's diagnostics for a project ('' when it type-checks). */
function typeCheck(dir: string): string {
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

describe('the built package in a consumer project', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'rat-consumer-'));
    const pkg = join(scratch, 'pkg');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')], { cwd: root, stdio: 'pipe' });
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  }, 180_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('type-checks with moduleResolution %s: results typed, mistakes refused', (name, options) => {
    expect(typeCheck(project(name, options))).toBe('');
  }, 120_000);

  test('without @types/react, JSX and react do not type-check (TS7016), as README says', () => {
    expect(typeCheck(project('no-types-react', { module: 'nodenext', moduleResolution: 'nodenext' }, ['@types/react', '@types/react-dom', '@types/react-reconciler']))).toMatch(
      /error TS7016: Could not find a declaration file for module 'react\/jsx-runtime'/,
    );
  }, 120_000);

  test('with the old node10 resolution the subpath exports do not resolve (the package is ESM-only), as README says', () => {
    expect(typeCheck(project('node10', { module: 'commonjs', moduleResolution: 'node10' }))).toMatch(
      /error TS2307: Cannot find module 'react-agent-tasks\/prebuilt'/,
    );
  }, 120_000);

  test("README's install line names every package a consumer needs to type-check, and the module settings", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const setUp = readme.slice(readme.indexOf('## Set up'), readme.indexOf('\n## ', readme.indexOf('## Set up') + 1));
    const installs = setUp.match(/^npm install .*$/gm)?.join(' ') ?? '';
    for (const needed of ['react-agent-tasks', 'react@', '@livekit/agents@', 'zod@', '@types/react@', '@types/node', 'typescript']) expect(installs).toContain(needed);
    expect(setUp).toMatch(/ESM-only/);
    for (const setting of ['node16', 'nodenext', 'bundler']) expect(setUp).toContain(`\`${setting}\``);
  });
});
