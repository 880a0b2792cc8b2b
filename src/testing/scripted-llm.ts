import { llm, voice } from '@livekit/agents';
import type { AnyToolHandle, ToolCallOf } from '../model/tool-handle.js';
import { checkScriptedCalls } from './check-scripted-calls.js';

type Matcher = string | RegExp;

/** A scripted tool call: a tool's name and its arguments. */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
}

/** The calls a script with `{ tools }` may make: one of those tools with arguments its schema accepts, or going back. */
export type ScriptedCallOf<T> = ToolCallOf<T> | { name: 'out_of_scope'; args: { task_ids: string[] } };

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

/** How a scripted model reports an input no rule matched (the testing kit fails the turn with it). */
export type UnmatchedListener = (error: Error) => void;

const SUMMARY_PROMPT = 'Conversation to summarize:';

/**
 * A scripted model built on LiveKit's FakeLLM, easier to write than its exact keys: rules match
 * user text by string or RegExp, may be scoped to a task, may answer a `generateReply` from
 * `useOnEnter`, and may script the group summary. Rules are tried in order and each is used once
 * while an unused one matches; after that the last match repeats. A user input that no rule
 * matches fails the test (through `renderWorkflow`) with the rules and the active task listed.
 * Replies after a tool call and enter greetings with no rule are silent.
 *
 * @example
 * scriptedLLM([
 *   { onEnter: /ask for the email/i, reply: 'What is your email?' },
 *   { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
 * ])
 */
export class ScriptedLLM extends voice.testing.FakeLLM {
  private readonly used = new Set<ScriptRule>();
  private readonly pending = new Map<string, voice.testing.FakeLLMResponse>();
  private calls = 0;
  private session: voice.AgentSession<any> | undefined;
  private unmatched: UnmatchedListener | undefined;

  constructor(readonly rules: ScriptRule[]) {
    super([]);
  }

  /** Lets the model see which task holds the session, and where to report unmatched input. */
  attach(session: voice.AgentSession<any>, onUnmatched?: UnmatchedListener): void {
    this.session = session;
    this.unmatched = onUnmatched;
  }

  override label(): string {
    return 'scripted-llm';
  }

  // FakeLLM keys its answers by the last chat item; the scripted model decides from the whole
  // context, then hands FakeLLM a one-message context holding the key of that decision.
  override chat(params: Parameters<voice.testing.FakeLLM['chat']>[0]): ReturnType<voice.testing.FakeLLM['chat']> {
    const key = `scripted-call-${++this.calls}`;
    const decision = this.decide(params.chatCtx);
    if (decision) this.pending.set(key, { ...decision, input: key });
    const keyed = llm.ChatContext.empty();
    keyed.addMessage({ role: 'user', content: key });
    return super.chat({ ...params, chatCtx: keyed });
  }

  override lookup(input: string): voice.testing.FakeLLMResponse | undefined {
    const decision = this.pending.get(input);
    this.pending.delete(input);
    return decision;
  }

  private get activeTask(): string | undefined {
    try {
      return this.session?.currentAgent.id;
    } catch {
      return undefined;
    }
  }

  private decide(chatCtx: llm.ChatContext): Omit<voice.testing.FakeLLMResponse, 'input'> | undefined {
    const items = chatCtx.items;
    const last = items[items.length - 1];
    if (last?.type === 'message' && last.role === 'user' && (last.textContent ?? '').startsWith(SUMMARY_PROMPT)) {
      return this.answer(this.find((rule) => rule.summary === true)) ?? { content: 'The user completed the workflow.' };
    }
    const extra = this.replyInstructions(items);
    if (extra !== undefined) {
      return this.answer(this.find((rule) => rule.onEnter !== undefined && matches(rule.onEnter, extra, 'part')));
    }
    if (last?.type === 'function_call_output') {
      return this.answer(this.find((rule) => rule.afterTool === last.name));
    }
    if (last?.type === 'message' && last.role === 'user') {
      const text = last.textContent ?? '';
      const rule = this.find((candidate) => candidate.user !== undefined && matches(candidate.user, text, 'whole'));
      if (!rule) this.unmatched?.(this.unmatchedError(text));
      return this.answer(rule);
    }
    return undefined;
  }

  /** The extra instructions of a generateReply: the system message is the agent's instructions, a newline, then them. */
  private replyInstructions(items: llm.ChatItem[]): string | undefined {
    const system = items.find((item) => item.type === 'message' && (item.role === 'system' || item.role === 'developer'));
    if (system?.type !== 'message') return undefined;
    const text = system.textContent ?? '';
    let base = '';
    try {
      const instructions = this.session?.currentAgent.instructions;
      base = typeof instructions === 'string' ? instructions : '';
    } catch {
      return undefined;
    }
    if (text === base || !text.startsWith(`${base}\n`)) return undefined;
    return text.slice(base.length + 1);
  }

  private find(predicate: (rule: ScriptRule) => boolean): ScriptRule | undefined {
    const task = this.activeTask;
    const candidates = this.rules.filter(
      (rule) => predicate(rule) && (rule.task === undefined || rule.task === task || task?.endsWith(`/${rule.task}`)),
    );
    const rule = candidates.find((candidate) => !this.used.has(candidate)) ?? candidates[candidates.length - 1];
    if (rule) this.used.add(rule);
    return rule;
  }

  private answer(rule: ScriptRule | undefined): Omit<voice.testing.FakeLLMResponse, 'input'> | undefined {
    return rule && { content: rule.reply, toolCalls: rule.toolCalls };
  }

  private unmatchedError(text: string): Error {
    const list = this.rules.map((rule, i) => `  ${i + 1}. ${describeRule(rule)}`).join('\n');
    return new Error(
      `react-agent-tasks/testing: scriptedLLM has no rule for the user input ${JSON.stringify(text)} ` +
        `while "${this.activeTask ?? 'no task'}" held the session. Add a rule such as { user: ${JSON.stringify(text)}, … }.\nRules:\n${list}`,
    );
  }
}

function matches(matcher: Matcher, text: string, mode: 'whole' | 'part'): boolean {
  if (matcher instanceof RegExp) return matcher.test(text);
  return mode === 'whole' ? matcher.trim() === text.trim() : text.includes(matcher);
}

function describeRule(rule: ScriptRule): string {
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

/** Options of {@link scriptedLLM}. */
export interface ScriptOptions<T extends readonly AnyToolHandle[]> {
  /**
   * The workflow's tools, made by `defineTool`: every scripted call must name one of them (or
   * `out_of_scope`) with arguments their schema accepts, checked by the compiler and again when
   * the script is made. Leave it out for a script that sends malformed arguments on purpose.
   */
  tools: T;
}

/** Creates a {@link ScriptedLLM}. With `{ tools }`, its tool calls are checked against those tools' schemas. */
export function scriptedLLM(rules: ScriptRule[]): ScriptedLLM;
export function scriptedLLM<const T extends readonly AnyToolHandle[]>(rules: NoInfer<ScriptRule<ScriptedCallOf<T[number]>>>[], options: ScriptOptions<T>): ScriptedLLM;
export function scriptedLLM(rules: ScriptRule[], options?: ScriptOptions<readonly AnyToolHandle[]>): ScriptedLLM {
  if (options) checkScriptedCalls(rules, options.tools);
  return new ScriptedLLM(rules);
}
