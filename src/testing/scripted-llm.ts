import { llm, voice } from '@livekit/agents';
import { type CallInFlight, type ScriptRule, checkOutcome, describeRule, matches } from './script-rules.js';
import { formatCall, toolSignatures } from './tool-signatures.js';
import type { AnyToolHandle, ToolCallOf } from '../model/tool-handle.js';
import { checkScriptedCalls } from './check-scripted-calls.js';

export type { ScriptRule, ScriptedToolCall } from './script-rules.js';

/** Where a scripted model reports a broken script: input no rule matched, a call that went wrong. */
export type ScriptProblemListener = (error: Error) => void;

/** The calls a script with `{ tools }` may make: one of those tools with arguments its schema accepts, or going back. */
export type ScriptedCallOf<T> = ToolCallOf<T> | { name: 'out_of_scope'; args: { task_ids: string[] } };

const SUMMARY_PROMPT = 'Conversation to summarize:';

/**
 * A scripted model built on LiveKit's FakeLLM, easier to write than its exact keys: rules match
 * user text by string or RegExp, may be scoped to a task, may answer a `generateReply` from
 * `useOnEnter`, and may script the group summary. Rules are tried in order and each is used once
 * while an unused one matches; after that the last match repeats. Through the testing kit, a
 * user input no rule matches fails the turn with the rules and the active task's tools listed,
 * and a scripted tool call the tool rejects fails it with the tool's message unless the call
 * says `expectError`. Replies after a tool call and enter greetings with no rule are silent.
 * Use one per rendered session.
 *
 * @example
 * scriptedLLM([
 *   { onEnter: /ask for the email/i, reply: 'What is your email?' },
 *   { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
 *   { user: 'eve at home', toolCalls: [{ name: 'save_email', args: { email: 'eve at home' }, expectError: /not a valid/ }] },
 * ])
 */
export class ScriptedLLM extends voice.testing.FakeLLM {
  private readonly used = new Set<ScriptRule>();
  private readonly pending = new Map<string, voice.testing.FakeLLMResponse>();
  private readonly inFlight: CallInFlight[] = [];
  private calls = 0;
  private session: voice.AgentSession<any> | undefined;
  private report: ScriptProblemListener | undefined;

  constructor(readonly rules: ScriptRule[]) {
    super([]);
  }

  /**
   * Lets the model see which task holds the session and check how its tool calls went; broken
   * script steps go to `onProblem`. Listens until the session closes.
   */
  attach(session: voice.AgentSession<any>, onProblem?: ScriptProblemListener): void {
    this.session = session;
    this.report = onProblem;
    session.on(voice.AgentSessionEventTypes.FunctionToolsExecuted, this.onToolsExecuted);
    session.once(voice.AgentSessionEventTypes.Close, () => {
      session.off(voice.AgentSessionEventTypes.FunctionToolsExecuted, this.onToolsExecuted);
    });
  }

  override label(): string {
    return 'scripted-llm';
  }

  /** The scripted calls LiveKit has not finished executing, for a timeout's diagnosis. */
  callsInFlight(): string[] {
    return this.inFlight.map(({ call, args, task }) => `${formatCall(call.name, args)}${task ? ` in task "${task}"` : ''}`);
  }

  // FakeLLM keys its answers by the last chat item; the scripted model decides from the whole
  // context, then hands FakeLLM a one-message context holding the key of that decision.
  override chat(params: Parameters<voice.testing.FakeLLM['chat']>[0]): ReturnType<voice.testing.FakeLLM['chat']> {
    const key = `scripted-call-${++this.calls}`;
    const rule = this.decide(params.chatCtx);
    if (rule) {
      const task = this.activeTask;
      for (const call of rule.toolCalls ?? []) this.inFlight.push({ call, args: JSON.stringify(call.args), rule, task });
      const toolCalls = rule.toolCalls?.map(({ name, args }) => ({ name, args }));
      this.pending.set(key, { input: key, content: rule.reply, toolCalls });
    }
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

  private decide(chatCtx: llm.ChatContext): ScriptRule | undefined {
    const items = chatCtx.items;
    const last = items[items.length - 1];
    if (last?.type === 'message' && last.role === 'user' && (last.textContent ?? '').startsWith(SUMMARY_PROMPT)) {
      return this.find((rule) => rule.summary === true) ?? { reply: 'The user completed the workflow.' };
    }
    const extra = this.replyInstructions(items);
    if (extra !== undefined) return this.find((rule) => rule.onEnter !== undefined && matches(rule.onEnter, extra, 'part'));
    if (last?.type === 'function_call_output') return this.find((rule) => rule.afterTool === last.name);
    if (last?.type === 'message' && last.role === 'user') {
      const text = last.textContent ?? '';
      const rule = this.find((candidate) => candidate.user !== undefined && matches(candidate.user, text, 'whole'));
      if (!rule) this.report?.(this.unmatchedError(text));
      return rule;
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

  /** Checks each executed call against what its rule expected, and stops tracking it. */
  private readonly onToolsExecuted = (event: voice.FunctionToolsExecutedEvent): void => {
    event.functionCalls.forEach((executed, i) => {
      const at = this.inFlight.findIndex(({ call, args }) => call.name === executed.name && args === executed.args);
      const found = at >= 0 ? at : this.inFlight.findIndex(({ call }) => call.name === executed.name);
      if (found < 0) return;
      const [flight] = this.inFlight.splice(found, 1);
      const output = event.functionCallOutputs[i];
      const problem = flight && checkOutcome(flight, this.ruleLabel(flight.rule), output?.isError ?? false, output?.output ?? '');
      if (problem) this.report?.(problem);
    });
  };

  private ruleLabel(rule: ScriptRule): string {
    return `rule ${this.rules.indexOf(rule) + 1} (${describeRule(rule)})`;
  }

  private unmatchedError(text: string): Error {
    const list = this.rules.map((rule, i) => `  ${i + 1}. ${describeRule(rule)}`).join('\n');
    let agent: voice.Agent | undefined;
    try {
      agent = this.session?.currentAgent;
    } catch {
      agent = undefined;
    }
    const tools = toolSignatures(agent);
    return new Error(
      `react-agent-tasks/testing: scriptedLLM has no rule for the user input ${JSON.stringify(text)} ` +
        `while "${this.activeTask ?? 'no task'}" held the session. Add a rule such as { user: ${JSON.stringify(text)}, … }.\n` +
        `Tools it offers: ${tools.length > 0 ? tools.join(', ') : '(none)'}\nRules:\n${list}`,
    );
  }
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
