/**
 * The scripted conversations both implementations are driven through: what the user says, which
 * task must hold the session when they say it, and what the scripted model answers.
 */
import { voice } from '@livekit/agents';

type FakeLLMResponse = voice.testing.FakeLLMResponse;

export interface Turn {
  /** Exact user text (the FakeLLM's lookup key). */
  user: string;
  /** The task that must be active when the user speaks. */
  task: string;
  /** The task this turn makes the session enter next, if any. */
  then?: string;
  /** The model answers with `out_of_scope`: the run's `wait()` rejects with 'out_of_scope'. */
  goesBack?: boolean;
}

export interface Script {
  name: string;
  /** Step ids in workflow order. */
  steps: string[];
  turns: Turn[];
  responses: FakeLLMResponse[];
}

/** The `generateReply` instructions each task's onEnter uses; the last line is the FakeLLM key. */
export const enterInstructions = (what: string, key: string): string => `${what}\ninstructions: ${key}`;

/**
 * The survey interview of LiveKit's task-group example: intro, email, commute, experience,
 * behavioral (strengths, weaknesses and work style in any order). Twelve user turns, two of them
 * corrections of earlier answers, one a turn that completes nothing.
 */
export function surveyScript(): Script {
  const turns: Turn[] = [
    { user: "Hi, I'm Ada and I build compilers.", task: 'intro', then: 'email' },
    { user: 'My email is ada@example.com.', task: 'email', then: 'commute' },
    { user: 'Sorry, my full name is Ada Lovelace.', task: 'commute', then: 'intro', goesBack: true },
    { user: 'Ada Lovelace, compiler engineer.', task: 'intro', then: 'commute' },
    { user: 'Yes, I can commute, by bike.', task: 'commute', then: 'experience' },
    { user: 'Let me think for a second.', task: 'experience' },
    { user: 'Eight years, mostly compilers and runtimes.', task: 'experience', then: 'behavioral' },
    { user: 'My main strength is patience.', task: 'behavioral' },
    { user: 'Wait, my email is actually ada.l@example.com.', task: 'behavioral', then: 'email', goesBack: true },
    { user: 'It is ada.l@example.com.', task: 'email', then: 'behavioral' },
    { user: 'Patience is my strength, impatience with flaky tests my weakness.', task: 'behavioral' },
    { user: 'I work best in small, focused teams.', task: 'behavioral' },
  ];
  const call = (input: string, name: string, args: Record<string, unknown>, content?: string): FakeLLMResponse => ({
    input,
    content,
    toolCalls: [{ name, args }],
  });
  const responses: FakeLLMResponse[] = [
    { input: 'instructions: welcome', content: 'Welcome! What is your name, and what do you do?' },
    { input: 'instructions: ask email', content: 'What email address can we reach you at?' },
    { input: 'instructions: ask commute', content: 'Can you commute to the office, and how?' },
    { input: 'instructions: ask experience', content: 'How many years of experience do you have?' },
    { input: 'instructions: ask behavioral', content: 'Tell me about your strengths, weaknesses and work style.' },
    { input: 'instructions: continue behavioral', content: 'Thanks. And the rest?' },
    call(turns[0]!.user, 'record_intro', { name: 'Ada', intro_notes: 'builds compilers' }),
    call(turns[1]!.user, 'record_email', { email: 'ada@example.com' }),
    call(turns[2]!.user, 'out_of_scope', { task_ids: ['intro'] }),
    call(turns[3]!.user, 'record_intro', { name: 'Ada Lovelace', intro_notes: 'compiler engineer' }),
    call(turns[4]!.user, 'record_commute', { can_commute: true, commute_method: 'bike' }),
    { input: turns[5]!.user, content: 'Take your time.' },
    call(turns[6]!.user, 'record_experience', { years: 8, summary: 'compilers and runtimes' }),
    call(turns[7]!.user, 'record_strengths', { strengths_summary: 'patience' }),
    call(turns[8]!.user, 'out_of_scope', { task_ids: ['email'] }),
    call(turns[9]!.user, 'record_email', { email: 'ada.l@example.com' }),
    {
      input: turns[10]!.user,
      toolCalls: [
        { name: 'record_strengths', args: { strengths_summary: 'patience' } },
        { name: 'record_weaknesses', args: { weaknesses_summary: 'impatience with flaky tests' } },
      ],
    },
    call(turns[11]!.user, 'record_work_style', { work_style: 'small, focused teams' }),
  ];
  return { name: 'survey', steps: ['intro', 'email', 'commute', 'experience', 'behavioral'], turns, responses };
}

export const stepId = (i: number): string => `step_${i}`;

/**
 * A generated workflow of `count` one-question steps (count ≥ 3), answered one per turn, with
 * the same two corrections as the survey: past the middle the user corrects step 1, at the last
 * step step 2.
 */
export function generatedScript(count: number): Script {
  if (count < 3) throw new Error('generatedScript needs at least 3 steps');
  const steps = Array.from({ length: count }, (_, i) => stepId(i + 1));
  const turns: Turn[] = [];
  const responses: FakeLLMResponse[] = steps.map((_, i) => ({
    input: `instructions: ask ${i + 1}`,
    content: `Question ${i + 1}?`,
  }));
  const answer = (i: number, then: string | undefined, corrected = false) => {
    const user = corrected ? `Answer ${i} again.` : `Answer ${i}.`;
    turns.push({ user, task: stepId(i), then });
    responses.push({ input: user, toolCalls: [{ name: 'record_answer', args: { answer: `answer ${i}${corrected ? ' (corrected)' : ''}` } }] });
  };
  const correct = (at: number, target: number) => {
    const user = `Change answer ${target}.`;
    turns.push({ user, task: stepId(at), then: stepId(target), goesBack: true });
    responses.push({ input: user, toolCalls: [{ name: 'out_of_scope', args: { task_ids: [stepId(target)] } }] });
    answer(target, stepId(at), true);
  };
  const middle = Math.ceil(count / 2) + 1;
  for (let i = 1; i <= count; i++) {
    if (i === middle) correct(i, 1);
    if (i === count) correct(i, 2);
    answer(i, i < count ? stepId(i + 1) : undefined);
  }
  return { name: `generated-${count}`, steps, turns, responses };
}
