/** One line of `workflow.tree()`: `  task email: active, entered 2×`. */
interface TreeLine {
  depth: number;
  kind: 'task' | 'group';
  id: string;
  status: string;
}

const LINE = /^( *)(task|group) (.+?): (\w+)/;

export function parseTree(text: string): TreeLine[] {
  return text.split('\n').flatMap((line) => {
    const match = LINE.exec(line);
    if (!match) return [];
    return [{ depth: match[1]!.length / 2, kind: match[2] as 'task' | 'group', id: match[3]!, status: match[4]! }];
  });
}

export const STATUS_MARKS: Record<string, string> = { pending: '○', active: '●', done: '✓', failed: '✗', skipped: '–' };

/**
 * The tree on one line, for a terminal: `intro ✓  email ●  card(number ✓  expiry ○)  notes –`.
 * The outermost group is implied; nested groups wrap their steps in parentheses.
 */
export function compactTree(text: string, paint: (status: string, text: string) => string = (_s, t) => t): string {
  const lines = parseTree(text);
  const top = lines[0]?.kind === 'group' ? lines.slice(1).map((line) => ({ ...line, depth: line.depth - 1 })) : lines;
  let out = '';
  let depth = 0;
  for (const line of top) {
    while (depth > line.depth) {
      out += ')';
      depth--;
    }
    if (out && !out.endsWith('(')) out += '  ';
    if (line.kind === 'group') {
      out += `${paint(line.status, line.id)}(`;
      depth++;
    } else {
      out += paint(line.status, `${line.id} ${STATUS_MARKS[line.status] ?? line.status}`);
    }
  }
  return out + ')'.repeat(depth);
}
