/**
 * Every TypeScript example in README compiles, without a cast. Each ```ts/```tsx block is checked
 * as its own module against the package's sources, with the package's exported names imported
 * (unless the block imports or declares them itself) and the few names README's fragments take
 * as given (`session`, `AskEmail`, …) declared below with their real types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Entry points and the names they export (parsed from their export lists). */
const ENTRIES: Record<string, string> = {
  'react-agent-tasks': 'src/index.ts',
  'react-agent-tasks/prebuilt': 'src/prebuilt/index.ts',
  'react-agent-tasks/testing': 'src/testing/index.ts',
  'react-agent-tasks/diagram': 'src/diagram/index.ts',
  'react-agent-tasks/inspector': 'src/inspector/index.ts',
  'react-agent-tasks/durable': 'src/durable/index.ts',
};

/** What README's fragments take as given: what a snippet's surrounding code would have. */
const GIVEN = `
declare const session: voice.AgentSession<Record<string, unknown>>;
declare const ctx: { room: import('@livekit/rtc-node').Room };
declare const keypad: { on(event: 'digit', listener: (digit: string) => void): void; off(event: 'digit', listener: (digit: string) => void): void };
declare const setDigits: (update: (digits: string) => string) => void;
declare const participant: import('@livekit/rtc-node').RemoteParticipant;
declare const room: import('@livekit/rtc-node').Room;
declare const url: string;
declare const progress: Parameters<typeof import('react-agent-tasks/durable').createCheckpoint>[0];
declare function AskName(): null;
declare function AskEmail(): null;
declare function AskPhone(): null;
declare function Intro(): null;
declare function RecordingNotice(): null;
declare function Interview(): ReturnType<typeof TaskGroup>;
declare function Onboarding(): ReturnType<typeof TaskGroup>;
declare const onboarding: GroupHandle<{ name: TaskHandle<string>; email: TaskHandle<string> }, TaskGroupResult<{ name: string; email: string }>, false>;
declare const saveName: ToolHandle<'save_name', z.ZodObject<{ name: z.ZodString }>>;
declare const saveEmail: ToolHandle<'save_email', z.ZodObject<{ email: z.ZodEmail }>>;
declare function AccountOpening(): ReturnType<typeof TaskGroup>;
declare class SignUpAgent extends voice.Agent { constructor(); }
declare function charge(card: import('react-agent-tasks/prebuilt').GetCreditCardResult): void;
`;

/** An entry point's exported names, `type X` for the type-only ones. */
function exportedNames(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const names: string[] = [];
  for (const [, typeOnly, list] of source.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) {
      const isType = !!typeOnly || /^\s*type\s/.test(item);
      const name = item.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim();
      if (name) names.push(isType ? `type ${name}` : name);
    }
  }
  return names;
}

/** Names a block declares or imports itself. */
function ownNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const [, list] of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of list!.split(',')) names.add(item.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim());
  }
  for (const [, name] of code.matchAll(/\b(?:function|const|let|class|interface|type|import)\s+([A-Za-z_$][\w$]*)/g)) names.add(name!);
  for (const [, list] of code.matchAll(/\b(?:const|let)\s+\{([^}]*)\}\s*=/g)) {
    for (const item of list!.split(',')) names.add(item.trim().split(':').pop()!.trim());
  }
  return names;
}

interface Block {
  line: number;
  code: string;
}

function blocks(): Block[] {
  const found: Block[] = [];
  for (const match of readme.matchAll(/^```(tsx?)\n([\s\S]*?)^```$/gm)) {
    found.push({ line: readme.slice(0, match.index).split('\n').length, code: match[2]! });
  }
  return found;
}

/** The module a block is checked as: imports of what it does not bring itself, the givens, the block. */
function moduleOf(block: Block): string {
  const own = ownNames(block.code);
  const seen = new Set<string>();
  const imports: string[] = [];
  const importFrom = (from: string, names: string[]) => {
    const bare = (name: string) => name.replace(/^type /, '');
    const missing = names.filter((name) => !own.has(bare(name)) && !seen.has(bare(name)) && (seen.add(bare(name)), true));
    if (missing.length) imports.push(`import { ${missing.join(', ')} } from '${from}';`);
  };
  importFrom('@livekit/agents', ['llm', 'voice']);
  importFrom('zod', ['z']);
  importFrom('react', ['useEffect', 'useState']);
  importFrom('vitest', ['expect', 'test']);
  for (const [from, file] of Object.entries(ENTRIES)) importFrom(from, exportedNames(file));
  const given = GIVEN.split('\n')
    .filter((line) => {
      const name = line.match(/^declare (?:const|function|class) ([\w$]+)/)?.[1];
      return name !== undefined && !own.has(name);
    })
    .join('\n');
  return `${imports.join('\n')}\n${given}\n// README.md line ${block.line}\n${block.code}\nexport {};\n`;
}

test('every TypeScript example in README compiles', () => {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const files = new Map(blocks().map((block) => [join(root, 'test', '.readme', `line-${block.line}.tsx`), moduleOf(block)]));
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => files.get(file) ?? read(file);
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => files.has(file) || exists(file);
  const program = ts.createProgram([...files.keys()], { ...config.options, noUnusedLocals: false }, host);
  const problems = [...files.keys()].flatMap((file) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      const text = files.get(file)!.split('\n');
      const readmeLine = Number(text.find((line) => line.startsWith('// README.md line'))?.split(' ').pop());
      const offset = text.findIndex((line) => line.startsWith('// README.md line'));
      return `README.md:${where ? readmeLine + where.line - offset : '?'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    }),
  );
  expect(problems).toEqual([]);
  expect(files.size).toBeGreaterThan(20);
}, 120_000);

test('no README example needs a cast', () => {
  const casts = blocks().flatMap((block) =>
    block.code
      .split('\n')
      .map((line, index) => ({ line: block.line + 1 + index, text: line }))
      .filter(({ text }) => !/^\s*(import|export)\b/.test(text) && /\bas\s+(?!const\b)[\w{([]/.test(text.replace(/\/\/.*$/, '')))
      .map(({ line, text }) => `README.md:${line}: ${text.trim()}`),
  );
  expect(casts).toEqual([]);
});


test("README's exported-names list names every export of every entry point", () => {
  const section = readme.slice(readme.indexOf('## Exported names at a glance'), readme.indexOf('## Design decisions'));
  const bullets = section.split(/\n- /).slice(1);
  const missing = Object.entries(ENTRIES).flatMap(([entry, file]) => {
    const bullet = bullets.find((text) => text.startsWith(`\`${entry}\``));
    if (!bullet) return [`${entry}: no bullet`];
    const listed = new Set([...bullet.matchAll(/`([^`]+)`/g)].flatMap((match) => match[1]!.split(/[^\w$]+/)));
    return exportedNames(file)
      .map((name) => name.replace(/^type /, ''))
      .filter((name) => !listed.has(name))
      .map((name) => `${entry}: ${name}`);
  });
  expect(missing).toEqual([]);
});
