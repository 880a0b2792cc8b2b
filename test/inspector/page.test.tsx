// @vitest-environment happy-dom
/** The inspector page's components, rendered with React DOM and queried as a person reads them. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { MASK, type ConversationView, type ServerMessage, type StepSnapshot, type WorkflowSnapshot } from 'react-agent-tasks/inspector';
import { feedReducer, initialFeed } from '../../src/inspector/page/feed-reducer.js';
import { InspectorPage } from '../../src/inspector/page/InspectorPage.js';
import { ResultsPanel } from '../../src/inspector/page/ResultsPanel.js';
import { StepGraph } from '../../src/inspector/page/StepGraph.js';
import { Transcript } from '../../src/inspector/page/Transcript.js';

afterEach(cleanup);

function step(kind: 'task' | 'group', path: string, extra: Partial<StepSnapshot> = {}): StepSnapshot {
  const id = path === '' ? 'task_group' : path.slice(path.lastIndexOf('/') + 1);
  return { kind, id, path, status: 'pending', entries: 0, sensitive: false, hasResult: false, children: [], ...extra };
}

const signup: StepSnapshot = step('group', '', {
  status: 'active',
  entries: 1,
  children: [
    step('task', 'name', { status: 'done', entries: 1, hasResult: true, result: { name: 'Eve' } }),
    step('group', 'card', {
      status: 'done',
      entries: 1,
      sensitive: true,
      description: 'Collects the card',
      hasResult: true,
      children: [step('task', 'card/number', { status: 'done', entries: 1, hasResult: true })],
    }),
    step('task', 'email', { status: 'active', entries: 2, hasResult: true, result: 'eve@example.com' }),
    step('task', 'phone', { status: 'skipped' }),
    step('task', 'notes'),
  ],
});
const running: WorkflowSnapshot = { root: signup, activeTask: { id: 'email', path: 'email' }, finished: false };

describe('StepGraph', () => {
  test("each step's state and entry count, and the step holding the session", () => {
    render(<StepGraph snapshot={running} />);
    expect(screen.getByLabelText('task email: active, entered 2×, holding the session').getAttribute('data-status')).toBe('active');
    expect(screen.getByLabelText('task name: done, entered 1×')).toBeTruthy();
    expect(screen.getByLabelText('task card/number: done, entered 1×')).toBeTruthy();
    expect(screen.getByLabelText('group card: done, entered 1×').textContent).toContain('card — Collects the card');
    expect(screen.getByLabelText('task phone: skipped').getAttribute('data-status')).toBe('skipped');
    expect(screen.getByLabelText('task notes: pending')).toBeTruthy();
    // Four arrows: name → card (its first step), card → email, email → phone, phone → notes.
    expect(document.querySelectorAll('polyline.edge')).toHaveLength(4);
  });

  test('a finished workflow has no step holding the session', () => {
    render(<StepGraph snapshot={{ ...running, finished: true }} />);
    expect(screen.queryByText('● holding the session')).toBeNull();
    expect(screen.getByLabelText('task email: active, entered 2×')).toBeTruthy();
  });

  test('a workflow that is one task (no group) is one box, without arrows', () => {
    const task = step('task', 'consent', { status: 'active', entries: 1 });
    render(<StepGraph snapshot={{ root: task, activeTask: { id: 'consent', path: 'consent' }, finished: false }} />);
    expect(screen.getByLabelText('task consent: active, entered 1×, holding the session')).toBeTruthy();
    expect(document.querySelectorAll('polyline.edge')).toHaveLength(0);
  });

  test('a workflow not rendered yet says so', () => {
    render(<StepGraph snapshot={{ root: null, activeTask: null, finished: false }} />);
    expect(screen.getByText('No steps yet.')).toBeTruthy();
  });
});

describe('ResultsPanel', () => {
  test('collected values by step path; sensitive steps (and those inside them) show a mask, never a value', () => {
    const { container } = render(<ResultsPanel root={signup} />);
    const rows = [...container.querySelectorAll('.result')].map((row) => row.textContent);
    expect(rows).toEqual(['name{"name":"Eve"}', `card${MASK} (sensitive)`, `card/number${MASK} (sensitive)`, 'emaileve@example.com']);
  });

  test('nothing collected yet', () => {
    render(<ResultsPanel root={step('group', '', { children: [step('task', 'a')] })} />);
    expect(screen.getByText('Nothing collected yet.')).toBeTruthy();
  });
});

describe('Transcript', () => {
  test('messages, tool calls with arguments and output, steps entered, go-backs, masked values and the end of the call', () => {
    render(
      <Transcript
        entries={[
          { kind: 'entered', path: 'email', sensitive: false },
          { kind: 'message', role: 'assistant', text: 'Your email?', masked: false },
          { kind: 'message', role: 'user', text: 'eve@example.com', masked: false },
          { kind: 'tool', name: 'save_email', args: '{"email":"eve@example.com"}', output: '"saved"', isError: false, masked: false },
          { kind: 'tool', name: 'save_email', args: '{"email":"nope"}', output: 'Invalid email', isError: true, masked: false },
          { kind: 'wentBack', from: 'email', targets: ['name'] },
          { kind: 'entered', path: 'card/number', sensitive: true },
          { kind: 'message', role: 'user', text: MASK, masked: true },
          { kind: 'closed', reason: 'user_initiated' },
        ]}
      />,
    );
    const lines = within(screen.getByLabelText('transcript'))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(lines).toEqual([
      '→ email',
      'agentYour email?',
      'callereve@example.com',
      'toolsave_email({"email":"eve@example.com"}) → "saved"',
      'toolsave_email({"email":"nope"}) → Invalid email',
      '↩ back to name (from email)',
      '→ card/number 🔒 sensitive: values masked',
      `caller${MASK}`,
      'call ended (user_initiated)',
    ]);
    expect(screen.getByText('save_email({"email":"nope"}) → Invalid email').closest('li')?.className).toContain('error');
  });
});

function conversation(id: string, status: 'running' | 'finished', snapshot: WorkflowSnapshot = running): ConversationView {
  return { id, title: `call ${id}`, status, workflows: [{ number: 1, snapshot }], transcript: [] };
}

function summary({ transcript: _transcript, ...rest }: ConversationView) {
  return rest;
}

describe('feedReducer', () => {
  const apply = (...messages: ServerMessage[]) => feedReducer(initialFeed, { type: 'messages', messages });

  test('hello sets everything; a conversation message adds or updates one, keeping its transcript', () => {
    const state = apply(
      { type: 'hello', conversations: [conversation('1', 'running')] },
      { type: 'transcript', id: '1', from: 0, entries: [{ kind: 'closed', reason: 'done' }] },
      { type: 'conversation', conversation: summary(conversation('1', 'finished')) },
      { type: 'conversation', conversation: conversation('2', 'running') },
    );
    expect(state.conversations.map((c) => [c.id, c.status, c.transcript.length])).toEqual([
      ['1', 'finished', 1],
      ['2', 'running', 0],
    ]);
  });

  test('entries the page already has (sent again after hello) are not added twice', () => {
    const entry = (n: number) => ({ kind: 'error' as const, message: `e${n}` });
    const state = apply(
      { type: 'hello', conversations: [{ ...conversation('1', 'running'), transcript: [entry(0), entry(1)] }] },
      { type: 'transcript', id: '1', from: 1, entries: [entry(1), entry(2)] },
      { type: 'transcript', id: '1', from: 3, entries: [entry(3)] },
    );
    expect(state.conversations[0]!.transcript.map((e) => (e as { message: string }).message)).toEqual(['e0', 'e1', 'e2', 'e3']);
  });

  test('a removed conversation goes; the connection state is tracked', () => {
    let state = apply({ type: 'hello', conversations: [conversation('1', 'finished'), conversation('2', 'running')] }, { type: 'removed', id: '1' });
    state = feedReducer(state, { type: 'connection', status: 'closed' });
    expect(state.conversations.map((c) => c.id)).toEqual(['2']);
    expect(state.connection).toBe('closed');
  });
});

describe('InspectorPage', () => {
  test('shows the latest running conversation by default, another when chosen; the header says whether the feed is live', () => {
    const finishedSnapshot: WorkflowSnapshot = { ...running, activeTask: null, finished: true };
    const feed = { connection: 'open' as const, conversations: [conversation('1', 'finished', finishedSnapshot), conversation('2', 'running'), conversation('3', 'finished', finishedSnapshot)] };
    render(<InspectorPage feed={feed} />);
    expect(screen.getByText('live')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('call 2');
    expect(screen.getByText('● email holds the session')).toBeTruthy();
    const list = within(screen.getByRole('navigation', { name: 'conversations' }));
    expect(list.getByRole('button', { name: /call 2/ }).getAttribute('aria-pressed')).toBe('true');
    expect(list.getByRole('button', { name: /call 2/ }).textContent).toContain('running · email');

    fireEvent.click(list.getByRole('button', { name: /call 1/ }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('call 1');
    expect(screen.queryByText(/holds the session/)).toBeNull();
    expect(screen.getByText('Workflow (finished)')).toBeTruthy();
  });

  test('before any conversation: says what to do', () => {
    render(<InspectorPage feed={initialFeed} />);
    expect(screen.getByText('connecting')).toBeTruthy();
    expect(screen.getByText('Waiting for a conversation…')).toBeTruthy();
  });
});
