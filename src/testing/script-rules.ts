import { formatCall } from './tool-signatures.js';

export type Matcher = string | RegExp;

/** A tool call the scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
  /**
   * The tool is meant to reject this call: `true`, or what its error says (a string matches any
   * part, a RegExp tests it). Without it a rejected call fails `say()` with the tool's message,
   * and with it a call the tool accepts fails it too.
   */
  expectError?: true | string | RegExp;
}

/** One scripted answer of the model. */
/** One scripted answer of the model; `Call` narrows `toolCalls` (see `scriptedLLM(rules, { tools })`). */
export interface ScriptRule<Call = ScriptedToolCall> {
  /** Matches the user's words: a string matches the whole (trimmed) text, a RegExp any part. */
  user?: Matcher;
  /** Matches the instructions of a `generateReply` (usually from `useOnEnter`); a string matches any part. */
  onEnter?: Matcher;
  /** Matches the reply the model gives after this tool returned. */
  afterTool?: string;
  /** Answers the group summary (`<TaskGroup summarize>`). */
  summary?: true;
  /** Only while this task (id or path) holds the session. */
  task?: string;
  /** What the model says. */
  reply?: string;
  /** The tools the model calls, with their arguments. */
  toolCalls?: Call[];
}

/** A scripted call sent to LiveKit and not executed yet. */
export interface CallInFlight {
  call: ScriptedToolCall;
  args: string;
  rule: ScriptRule;
  task: string | undefined;
}

const PREFIX = 'react-agent-tasks/testing:';

/** The failure of a scripted call whose outcome is not what its rule said, or undefined. */
export function checkOutcome(flight: CallInFlight, rule: string, isError: boolean, output: string): Error | undefined {
  const { call, args, task } = flight;
  const what = `the scripted call ${formatCall(call.name, args)}${task ? ` in task "${task}"` : ''}, from ${rule},`;
  const expected = call.expectError;
  if (isError && expected === undefined) {
    return new Error(
      `${PREFIX} ${what} was rejected by the tool: ${output}\n` +
        'Fix the call (its name or arguments), or, if the test expects the rejection, add expectError: true to it (or the message to expect).',
    );
  }
  if (!isError && expected !== undefined) {
    return new Error(`${PREFIX} ${what} was expected to be rejected (expectError), but the tool accepted it and returned ${output || '(nothing)'}.`);
  }
  if (isError && expected !== undefined && expected !== true && !matches(expected, output, 'part')) {
    return new Error(`${PREFIX} ${what} was rejected with ${JSON.stringify(output)}, which does not match expectError ${String(expected)}.`);
  }
  return undefined;
}

export function matches(matcher: Matcher, text: string, mode: 'whole' | 'part'): boolean {
  if (matcher instanceof RegExp) return matcher.test(text);
  return mode === 'whole' ? matcher.trim() === text.trim() : text.includes(matcher);
}

export function describeRule(rule: ScriptRule): string {
  const when = [
    rule.user !== undefined && `user ${String(rule.user instanceof RegExp ? rule.user : JSON.stringify(rule.user))}`,
    rule.onEnter !== undefined && `onEnter ${String(rule.onEnter instanceof RegExp ? rule.onEnter : JSON.stringify(rule.onEnter))}`,
    rule.afterTool && `after ${rule.afterTool}`,
    rule.summary && 'summary',
    rule.task && `in task ${rule.task}`,
  ].filter(Boolean);
  const then = [rule.reply && `says ${JSON.stringify(rule.reply)}`, ...(rule.toolCalls ?? []).map((call) => `calls ${call.name}`)].filter(Boolean);
  return `${when.join(', ')} → ${then.join(', ') || 'stays silent'}`;
}
