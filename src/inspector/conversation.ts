import { voice } from '@livekit/agents';
import type { Workflow, WorkflowEvent } from '../index.js';
import { MASK, type ConversationSummary, type ConversationView, type TranscriptEntry, type WorkflowView } from './protocol.js';
import { type WorkflowSnapshot, snapshotOf } from './source.js';

/** What a conversation tells whoever shows it: its tree or status changed, or its transcript grew. */
export interface ConversationListener {
  changed(conversation: Conversation): void;
  appended(conversation: Conversation, from: number, entries: TranscriptEntry[]): void;
}

/**
 * One conversation as the inspector shows it: the trees of the workflows it ran (from their
 * events) and its transcript (from the session's own events). While a sensitive step holds the
 * session, and until the user's next message after it, what is said and what tools receive and
 * return is recorded masked: the values never reach the page.
 */
export class Conversation {
  /** Each workflow's view, in the order they started; looked up weakly so finished workflows (and their sessions) can go. */
  private readonly workflows: WorkflowView[] = [];
  private readonly viewByWorkflow = new WeakMap<Workflow, WorkflowView>();
  private readonly transcript: TranscriptEntry[] = [];
  /** Paths of sensitive tasks that hold the session now. */
  private readonly sensitiveActive = new Set<string>();
  /** A sensitive step ran in this turn: its tool outputs and replies can still arrive after it ended. */
  private sensitiveThisTurn = false;
  private closed = false;
  private hasSession = false;
  private detachSession: (() => void) | undefined;

  constructor(
    readonly id: string,
    readonly title: string,
    private readonly listener: ConversationListener,
  ) {}

  /** Follows the session's transcript: messages, tool calls, and its end. */
  attachSession(session: voice.AgentSession<any>): void {
    if (this.hasSession) return;
    this.hasSession = true;
    const Events = voice.AgentSessionEventTypes;
    const onItem = ({ item }: voice.ConversationItemAddedEvent) => {
      if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant') || !item.textContent) return;
      if (item.role === 'user' && this.sensitiveActive.size === 0) this.sensitiveThisTurn = false;
      const masked = this.masking;
      this.append({ kind: 'message', role: item.role, text: masked ? MASK : item.textContent, masked });
    };
    const onTools = ({ functionCalls, functionCallOutputs }: voice.FunctionToolsExecutedEvent) => {
      const masked = this.masking;
      functionCalls.forEach((call, i) => {
        const output = functionCallOutputs[i];
        this.append({
          kind: 'tool',
          name: call.name,
          args: masked ? MASK : call.args,
          output: masked ? MASK : (output?.output ?? ''),
          isError: output?.isError ?? false,
          masked,
        });
      });
    };
    const onClose = ({ reason }: voice.CloseEvent) => {
      this.closed = true;
      this.detach(); // nothing follows a close; the session can be collected
      this.append({ kind: 'closed', reason: String(reason) });
      this.listener.changed(this);
    };
    session.on(Events.ConversationItemAdded, onItem);
    session.on(Events.FunctionToolsExecuted, onTools);
    session.on(Events.Close, onClose);
    this.detachSession = () => {
      session.off(Events.ConversationItemAdded, onItem);
      session.off(Events.FunctionToolsExecuted, onTools);
      session.off(Events.Close, onClose);
    };
  }

  /** Stops following the session; what was recorded stays. */
  detach(): void {
    this.detachSession?.();
    this.detachSession = undefined;
  }

  /** Pass as `onEvent` to runTask/createAgent. */
  onEvent = (event: WorkflowEvent, workflow: Workflow): void => {
    const view = this.viewOf(workflow);
    const snapshot = snapshotOf(workflow);
    // Once unmounted the tree is gone: keep the last one seen, finished.
    view.snapshot = snapshot.root ? snapshot : { ...view.snapshot, activeTask: null, finished: snapshot.finished };
    switch (event.type) {
      case 'entered': {
        const { sensitive } = event;
        if (sensitive) {
          this.sensitiveActive.add(event.path);
          this.sensitiveThisTurn = true;
        }
        this.append({ kind: 'entered', path: event.path, sensitive });
        break;
      }
      case 'step':
        if (event.status !== 'active') this.sensitiveActive.delete(event.path);
        break;
      case 'wentBack':
        this.append({ kind: 'wentBack', from: event.from, targets: event.targets });
        break;
      case 'error':
        this.append({ kind: 'error', message: this.masking ? MASK : event.error.message });
        break;
      case 'finished':
        this.sensitiveActive.clear();
        break;
    }
    this.listener.changed(this);
  };

  private get masking(): boolean {
    return this.sensitiveActive.size > 0 || this.sensitiveThisTurn;
  }

  private viewOf(workflow: Workflow): WorkflowView {
    let view = this.viewByWorkflow.get(workflow);
    if (!view) {
      const empty: WorkflowSnapshot = { root: null, activeTask: null, finished: false };
      view = { number: this.workflows.length + 1, snapshot: empty };
      this.workflows.push(view);
      this.viewByWorkflow.set(workflow, view);
    }
    return view;
  }

  private append(entry: TranscriptEntry): void {
    this.transcript.push(entry);
    this.listener.appended(this, this.transcript.length - 1, [entry]);
  }

  /** Running until its session closed; without a session, until its workflows finished. */
  get status(): ConversationSummary['status'] {
    if (this.closed) return 'finished';
    if (this.hasSession) return 'running';
    return this.workflows.length > 0 && this.workflows.every((view) => view.snapshot.finished) ? 'finished' : 'running';
  }

  summary(): ConversationSummary {
    return { id: this.id, title: this.title, status: this.status, workflows: this.workflows.map((view) => ({ ...view })) };
  }

  view(): ConversationView {
    return { ...this.summary(), transcript: [...this.transcript] };
  }
}
