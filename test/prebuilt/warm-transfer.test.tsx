/**
 * <WarmTransfer> against a fake SIP line: the consultation with the human agent is a second real
 * AgentSession (its model scripted), dialled, briefed and merged with no network.
 */
import { EventEmitter } from 'node:events';
import { llm, voice } from '@livekit/agents';
import { Room } from '@livekit/rtc-node';
import { describe, expect, it } from 'vitest';
import { WorkflowClosedError, runTask } from 'react-agent-tasks';
import {
  type HumanAgentCall,
  type TransferDialRequest,
  TransferFailedError,
  type TransferLine,
  livekitTransferLine,
  WarmTransfer,
  type WarmTransferResult,
} from 'react-agent-tasks/prebuilt';
import { renderAgent, renderWorkflow, scriptedLLM, type ScriptRule } from 'react-agent-tasks/testing';

/** The human agent's end: a real session running the briefing agent, driven by text turns. */
class FakeCall implements HumanAgentCall {
  readonly identity = 'human-agent-sip';
  merged = false;
  ended = false;
  private readonly events = new EventEmitter();
  constructor(readonly session: voice.AgentSession) {}
  onHangUp(listener: (reason: string) => void): () => void {
    this.events.on('hangUp', listener);
    return () => this.events.off('hangUp', listener);
  }
  async connectToCaller(): Promise<void> {
    this.merged = true;
  }
  async end(): Promise<void> {
    this.ended = true;
    await this.session.close();
  }
  /**
   * The human agent says something; resolves when the briefing agent answered. A run whose tool
   * failed the caller's task rejects with that error (LiveKit rejects the run a task failed in):
   * that error is the caller side's to handle, so it is returned, not thrown.
   */
  async say(text: string): Promise<unknown> {
    return this.session
      .run({ userInput: text })
      .wait()
      .then(() => undefined, (error: unknown) => error);
  }
  hangUp(): void {
    this.events.emit('hangUp', 'CLIENT_INITIATED');
  }
}

/** A SIP layer that answers (or rings forever, or fails), and a caller who may hang up. */
class FakeSip implements TransferLine {
  readonly dials: TransferDialRequest[] = [];
  readonly calls: FakeCall[] = [];
  onHold = false;
  dialAborted = false;
  private readonly caller = new EventEmitter();
  private answered: (() => void) | undefined;

  constructor(
    private readonly human: ScriptRule[],
    private readonly behaviour: 'answer' | 'ring' | 'fail' = 'answer',
  ) {}

  async dial(request: TransferDialRequest): Promise<HumanAgentCall> {
    this.dials.push(request);
    if (this.behaviour === 'fail') throw new Error('SIP 486 Busy Here from sip:agent@pbx.internal');
    if (this.behaviour === 'ring') {
      await new Promise<void>((resolve, reject) => {
        this.answered = resolve;
        request.signal.addEventListener('abort', () => {
          this.dialAborted = true;
          reject(new Error('dial cancelled'));
        });
      });
    }
    const session = new voice.AgentSession({ llm: scriptedLLM(this.human) });
    await session.start({ agent: request.agent });
    const call = new FakeCall(session);
    this.calls.push(call);
    return call;
  }
  onCallerHangUp(listener: () => void): () => void {
    this.caller.on('hangUp', listener);
    return () => this.caller.off('hangUp', listener);
  }
  /** Set to hold the hold music back until the test releases it. */
  holdGate: Promise<void> | undefined;
  async hold(): Promise<() => void> {
    await this.holdGate;
    this.onHold = true;
    return () => {
      this.onHold = false;
    };
  }
  get listeners(): number {
    return this.caller.listenerCount('hangUp');
  }
  callerHangsUp(): void {
    this.caller.emit('hangUp');
  }
  answer(): void {
    this.answered?.();
  }
  /** Resolves once the human agent answered. */
  async answeredCall(): Promise<FakeCall> {
    while (this.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    return this.calls[0]!;
  }
}

const history = () => {
  const chatCtx = llm.ChatContext.empty();
  chatCtx.addMessage({ role: 'user', content: 'I was charged twice for my March invoice.' });
  chatCtx.addMessage({ role: 'assistant', content: 'I am sorry. Let me get someone from billing.' });
  return chatCtx;
};

const SUMMARY = 'Hi Sam. The caller was charged twice for the March invoice and wants a refund.';

describe('<WarmTransfer>', () => {
  it('holds the caller, briefs the human agent with the conversation, and connects them on their word', async () => {
    const sip = new FakeSip([
      { user: 'Hi, Sam from billing.', reply: SUMMARY },
      { user: 'OK, put them through.', toolCalls: [{ name: 'connect_to_caller', args: {} }] },
    ]);
    const flow = await renderWorkflow<WarmTransferResult>(<WarmTransfer line={sip} extraInstructions="Billing questions only." />, {
      llm: scriptedLLM([]),
      chatCtx: history(),
    });
    const call = await sip.answeredCall();
    expect(sip.onHold).toBe(true);
    expect(flow.activeTask?.id).toBe('warm_transfer');

    const briefing = sip.dials[0]!.agent.instructions as string;
    expect(briefing).toContain(
      '## Conversation with the caller\nCaller: I was charged twice for my March invoice.\nAssistant: I am sorry. Let me get someone from billing.\n## End of the conversation with the caller',
    );
    expect(briefing.endsWith('\nBilling questions only.')).toBe(true);
    expect(Object.keys(sip.dials[0]!.agent.toolCtx.functionTools).sort()).toEqual(['connect_to_caller', 'decline_transfer', 'voicemail_detected']);
    expect(sip.dials[0]!.callerSession).toBe(flow.session);

    await call.say('Hi, Sam from billing.');
    const said = call.session.history.items.filter((item) => item.type === 'message' && item.role === 'assistant');
    expect(said.map((item) => item.type === 'message' && item.textContent)).toEqual([SUMMARY]);
    await call.say('OK, put them through.');

    expect(await flow.result).toEqual({ humanAgentIdentity: 'human-agent-sip' });
    expect(call.merged).toBe(true);
    expect(call.ended).toBe(true);
    expect(sip.onHold).toBe(false);
    expect(sip.listeners).toBe(0);
  });

  it.each([
    ['declines', { user: 'I cannot take it now.', toolCalls: [{ name: 'decline_transfer', args: { reason: 'in another call' } }] }, 'human agent declined to connect: in another call'],
    ['is voicemail', { user: 'Please leave a message after the tone.', toolCalls: [{ name: 'voicemail_detected', args: {} }] }, 'voicemail detected'],
  ] as Array<[string, ScriptRule, string]>)('fails with a TransferFailedError when the human agent %s; the consultation ends', async (_what, rule, message) => {
    const sip = new FakeSip([rule]);
    const flow = await renderWorkflow(<WarmTransfer line={sip} />, { llm: scriptedLLM([]) });
    const call = await sip.answeredCall();
    await call.say(rule.user as string);
    const error = await flow.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TransferFailedError);
    expect(error).toBeInstanceOf(llm.ToolError);
    expect((error as Error).message).toBe(message);
    expect(call.merged).toBe(false);
    expect(call.ended).toBe(true);
    expect(sip.onHold).toBe(false);
  });

  it('fails when the human agent hangs up, or the caller does, before the merge', async () => {
    const human = new FakeSip([]);
    const flow = await renderWorkflow(<WarmTransfer line={human} />, { llm: scriptedLLM([]) });
    (await human.answeredCall()).hangUp();
    expect(await flow.result.catch((reason: unknown) => reason)).toMatchObject({ failure: 'human agent hung up', message: expect.stringMatching(/^Transfer failed: the human agent hung up/) });

    const ringing = new FakeSip([], 'ring');
    const left = await renderWorkflow(<WarmTransfer line={ringing} />, { llm: scriptedLLM([]) });
    ringing.callerHangsUp();
    expect(await left.result.catch((reason: unknown) => reason)).toMatchObject({ failure: 'caller hung up', message: 'caller hung up before the transfer completed' });
    expect(ringing.dialAborted).toBe(true);
    expect(ringing.onHold).toBe(false);
    expect(ringing.listeners).toBe(0);
  });

  it('a caller who hangs up while the hold music starts does not leave it playing, and nobody is dialled', async () => {
    const sip = new FakeSip([]);
    let release!: () => void;
    sip.holdGate = new Promise<void>((resolve) => (release = resolve));
    const flow = await renderWorkflow(<WarmTransfer line={sip} />, { llm: scriptedLLM([]) });
    sip.callerHangsUp();
    expect(await flow.result.catch((reason: unknown) => reason)).toMatchObject({ failure: 'caller hung up' });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sip.onHold).toBe(false);
    expect(sip.dials).toEqual([]);
  });

  it('a failed dial reaches the model without the SIP details, and the caller conversation resumes', async () => {
    const sip = new FakeSip([], 'fail');
    const agent = new voice.Agent({
      instructions: 'You answer billing calls.',
      tools: [
        llm.tool({
          name: 'transfer_to_billing',
          description: 'Transfers the caller to a human in billing.',
          execute: async () => {
            const { humanAgentIdentity } = await runTask<WarmTransferResult>(<WarmTransfer line={sip} />);
            return `connected to ${humanAgentIdentity}`;
          },
        }),
      ],
    });
    const call = await renderAgent(agent, {
      llm: scriptedLLM([
        { user: 'Get me a human.', toolCalls: [{ name: 'transfer_to_billing', args: {}, expectError: true }] },
        { afterTool: 'transfer_to_billing', reply: 'Nobody from billing is free; can I help instead?' },
      ]),
    });
    const turn = await call.say('Get me a human.');
    const output = call.session.history.items.find((item) => item.type === 'function_call_output' && item.name === 'transfer_to_billing');
    expect(output).toMatchObject({ isError: true, output: 'could not dial human agent' });
    expect(turn.messages.at(-1)).toEqual({ role: 'assistant', text: 'Nobody from billing is free; can I help instead?' });
    expect(sip.onHold).toBe(false);
  });

  it('closing the caller session while the phone rings cancels the dial and leaves nothing behind', async () => {
    const sip = new FakeSip([], 'ring');
    const flow = await renderWorkflow(<WarmTransfer line={sip} />, { llm: scriptedLLM([]) });
    expect(sip.dials).toHaveLength(1);
    await flow.close();
    await expect(flow.result).rejects.toBeInstanceOf(WorkflowClosedError);
    expect(sip.dialAborted).toBe(true);
    expect(sip.onHold).toBe(false);
    expect(sip.listeners).toBe(0);
  });

  it('closing the caller session during the briefing ends the consultation', async () => {
    const sip = new FakeSip([]);
    const flow = await renderWorkflow(<WarmTransfer line={sip} greeting="Hello, I have a caller for billing." />, { llm: scriptedLLM([]) });
    const call = await sip.answeredCall();
    await flow.close();
    expect(call.ended).toBe(true);
    expect(call.merged).toBe(false);
    const greeting = call.session.history.items.find((item) => item.type === 'message' && item.role === 'assistant');
    expect(greeting?.type === 'message' && greeting.textContent).toBe('Hello, I have a caller for billing.');
  });
});

describe('livekitTransferLine', () => {
  const credentials = { url: 'ws://127.0.0.1:1', apiKey: 'key', apiSecret: 'secret' };
  it.each([
    [{ sipCallTo: '', sipTrunkId: 'ST_1', ...credentials }, /^react-agent-tasks: livekitTransferLine\(\) has no sipCallTo\./],
    [{ sipCallTo: '+15105550123', ...credentials }, /has no SIP trunk\. Give sipTrunkId or sipConnection, or set LIVEKIT_SIP_OUTBOUND_TRUNK\./],
    [{ sipCallTo: '+15105550123', sipTrunkId: 'ST_1' }, /has no server credentials/],
  ])('names what is missing at once: %j', (options, message) => {
    const saved = { ...process.env };
    for (const name of ['LIVEKIT_SIP_OUTBOUND_TRUNK', 'LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']) delete process.env[name];
    try {
      expect(() => livekitTransferLine({ room: new Room(), ...options })).toThrow(message);
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
