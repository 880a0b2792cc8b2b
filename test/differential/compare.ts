/**
 * Compares what the model was shown in two runs of one scenario and prints the first place they
 * part: every later call differs anyway once one has.
 */
import { diffArrays } from 'diff';
import type { RunLog } from './driver.js';
import type { ModelCall } from './recorder.js';
import type { GroupSpec, Scenario, StepSpec } from './spec.js';

const CONTEXT_LINES = 3;

/** Null when the runs agree; otherwise a report of the first difference. */
export function compareRuns(scenario: Scenario, plain: RunLog, jsx: RunLog): string | null {
  for (const run of [plain, jsx]) {
    if (run.errors.length) return `${header(scenario)}the ${run.flavor} run reported errors: ${run.errors.join('; ')}`;
  }
  const count = Math.max(plain.calls.length, jsx.calls.length);
  for (let i = 0; i < count; i++) {
    const a = plain.calls[i];
    const b = jsx.calls[i];
    if (a && b && sameCall(a, b)) continue;
    const body = !a || !b ? `  plain LiveKit made ${plain.calls.length} model calls, react-agent-tasks ${jsx.calls.length}.\n` + (a ? callLines(a, '-') : callLines(b!, '+')) : callDiff(a, b);
    return `${header(scenario)}model call ${i + 1} differs (- plain LiveKit, + react-agent-tasks):\n${body}`;
  }
  const facts: Array<[string, unknown, unknown]> = [
    ['tasks entered', plain.entries, jsx.entries],
    ['onTaskCompleted calls', plain.completions, jsx.completions],
    ['how each user turn ended', plain.runs, jsx.runs],
  ];
  if (!plain.closedEarly) facts.push(['result', plain.outcome, jsx.outcome]);
  for (const [what, a, b] of facts) {
    if (JSON.stringify(a) !== JSON.stringify(b)) return `${header(scenario)}${what} differ:\n  - ${JSON.stringify(a)}\n  + ${JSON.stringify(b)}`;
  }
  return null;
}

function sameCall(a: ModelCall, b: ModelCall): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const itemLines = (call: ModelCall): string[] => call.items.map((item) => JSON.stringify(item));
const toolLines = (call: ModelCall): string[] => call.tools.map((tool) => JSON.stringify(tool));

function callLines(call: ModelCall, sign: string): string {
  return [...itemLines(call), ...toolLines(call).map((line) => `tool ${line}`)].map((line) => `  ${sign} ${line}`).join('\n');
}

function callDiff(a: ModelCall, b: ModelCall): string {
  const parts: string[] = [];
  const context = lineDiff(itemLines(a), itemLines(b));
  if (context) parts.push(`  context:\n${context}`);
  const tools = lineDiff(toolLines(a), toolLines(b));
  if (tools) parts.push(`  tools offered:\n${tools}`);
  return parts.join('\n');
}

/** A unified diff of two lists of lines, with a few unchanged lines around each change. */
function lineDiff(before: string[], after: string[]): string {
  const changes = diffArrays(before, after);
  if (changes.every((change) => !change.added && !change.removed)) return '';
  const lines: Array<{ sign: ' ' | '-' | '+'; text: string }> = [];
  for (const change of changes) {
    const sign = change.added ? '+' : change.removed ? '-' : ' ';
    for (const text of change.value) lines.push({ sign, text });
  }
  const near = (i: number) => lines.slice(Math.max(0, i - CONTEXT_LINES), i + CONTEXT_LINES + 1).some((line) => line.sign !== ' ');
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, i) => {
    if (line.sign === ' ' && !near(i)) {
      if (!skipped) out.push('      …');
      skipped = true;
      return;
    }
    skipped = false;
    out.push(`    ${line.sign} ${line.text}`);
  });
  return out.join('\n');
}

/** The scenario in a few lines: enough to rebuild it as a test. */
export function describeScenario(scenario: Scenario): string {
  const lines = [`workflow: ${describeStep(scenario.workflow)}${scenario.history ? ', seeded with an earlier exchange' : ''}`, 'turns:'];
  for (const turn of scenario.turns) lines.push(`  ${turn.user}${turn.closeAfter ? `  [the session closes once it is ${turn.closeAfter}]` : ''}`);
  return lines.join('\n');
}

function describeStep(step: StepSpec): string {
  if (step.kind === 'task') {
    const extras = [step.greet ? 'greets' : '', ...step.tools, step.fields ? `collects ${step.fields.join(' ')}` : '', step.when ? `when ${step.when.unlessSkipped} != skip` : '', step.sensitive ? 'sensitive' : ''].filter(Boolean);
    return `${step.id}${extras.length ? `(${extras.join(', ')})` : ''}`;
  }
  return `${groupFlags(step)}[${step.steps.map(describeStep).join(', ')}]${step.when ? ` when ${step.when.unlessSkipped} != skip` : ''}`;
}

function groupFlags(group: GroupSpec): string {
  const flags = [group.summarize ? 'summarize' : '', group.returnExceptions ? 'returnExceptions' : '', group.preserveFunctionCallHistory ? 'preserveFunctionCallHistory' : '', group.sensitive ? 'sensitive' : ''];
  return `${group.id || 'group'}{${flags.filter(Boolean).join(', ')}}`;
}

function header(scenario: Scenario): string {
  return `${scenario.name}\n${describeScenario(scenario)}\n`;
}
