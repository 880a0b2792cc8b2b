/**
 * Differences between react-agent-tasks and LiveKit's own classes, each with a minimal repro.
 * KNOWN_DIFFERENCES are not fixed yet (fixing them is the engine's job): their repros run as
 * `it.fails` tests in differential.test.ts and the seeded random test keeps clear of their shapes.
 * When one is fixed its repro starts failing: move it to FIXED_DIFFERENCES, whose repros run as
 * ordinary tests so they stay fixed, and the random test takes its shape again.
 */
import { call, group, task, turns } from './scenario-parts.js';
import type { Scenario } from './spec.js';

export interface KnownDifferenceInfo {
  /** What differs, as the lead's list (a)–(d) names it; (e) and later were found by this test. */
  description: string;
  /** A text that appears in the difference report when it is this difference (known ones only). */
  marker: string;
  repro: Scenario;
}

/** Found different once and fixed in the engine since: each repro must now agree. */
export const FIXED_DIFFERENCES = {
  'out-of-scope-items': {
    description:
      "(a) an `out_of_scope` call that did not end its step (an invalid target, or after the step's completion in the same reply) stays in the context the next steps get, with its output; LiveKit's TaskGroup seeds each step's context before adding `out_of_scope` to its tools, which drops those items",
    marker: '"name":"out_of_scope"',
    repro: {
      name: 'known difference (a)',
      workflow: group([task('name'), task('email'), task('phone')]),
      turns: turns(
        [call('finish_name', { value: 'Eve' })],
        [call('out_of_scope', { task_ids: ['phone'] })],
        [call('finish_email', { value: 'eve@example.com' })],
        [call('finish_phone', { value: '555' })],
      ),
    },
  },
  'failed-group-context': {
    description:
      "(b) after a group fails (returnExceptions off), the parent agent's context keeps the steps' function calls; LiveKit's keeps their messages only",
    marker: '"name":"finish_name"',
    repro: {
      name: 'known difference (b)',
      workflow: group([task('name'), task('payment', ['fail'])]),
      turns: turns([call('finish_name', { value: 'Eve' })], [call('fail_payment', { reason: 'card declined' })]),
    },
  },
  'crash-text': {
    description: '(c) a tool that throws a plain Error: ours sends the error\'s text to the model; LiveKit sends "An internal error occurred"',
    marker: 'An internal error occurred',
    repro: {
      name: 'known difference (c)',
      workflow: group([task('name', ['crash'])]),
      turns: turns([call('crash_name')], [call('finish_name', { value: 'Eve' })]),
    },
  },
  'second-completion': {
    description: '(d) a second completion in one reply: ours sends a react-agent-tasks developer message; LiveKit sends its own text ("An internal error occurred")',
    marker: 'An internal error occurred',
    repro: {
      name: 'known difference (d)',
      workflow: group([task('name'), task('email')]),
      turns: turns([call('finish_name', { value: 'Eve' }), call('finish_name', { value: 'Eva' })], [call('finish_email', { value: 'eve@example.com' })]),
    },
  },
  'tool-change-after-completion': {
    description:
      "(e) found by the seeded test (seed 35 before the generator avoided it): a tool that changes the task's tools in the same reply as the task's completion; LiveKit records the change as an agent_config_update item in the context the next steps and the parent get, ours records nothing (OpenAI-style providers drop these items, so the model itself does not read it)",
    marker: '"type":"agent_config_update","added":["secret_name"]',
    repro: {
      name: 'known difference (e)',
      workflow: group([task('name', ['unlock']), task('email')]),
      turns: turns([call('finish_name', { value: 'Eve' }), call('unlock_name')], [call('finish_email', { value: 'eve@example.com' })]),
    },
  },
  'failure-after-completion': {
    description:
      "(g) found by `npm run differential -- --seeds 600` on the merged main (seed 445 before the generator avoided it): a tool that fails the task (complete(new Error(…))) after the task already completed or went back in the same reply: LiveKit's AgentTask.complete throws, so the model hears \"An internal error occurred\" and replies once more; ours ignores it silently (its output is empty) and the model is not asked again",
    marker: '"name":"fail_name","output":"An internal error occurred"',
    repro: {
      name: 'known difference (g)',
      workflow: group([task('name', ['fail']), task('email')]),
      turns: turns([call('finish_name', { value: 'Eve' }), call('fail_name', { reason: 'no name' })], [call('finish_email', { value: 'eve@example.com' })]),
    },
  },
  'tool-change-order': {
    description:
      "(f) found by `npm run differential -- --seeds 1000` (seed 474 before the generator avoided it): in a reply with two tool calls, the first returning a value or completing the task and the second changing the task's tools, LiveKit recorded the first call's output before the tool change's agent_config_update item, ours after it (seed 9071 showed it after a completion): our tool calls took a few more promise hops before LiveKit recorded their output; only agent_config_update items moved, which providers drop",
    marker: '"type":"agent_config_update","added":["secret_name"]',
    repro: {
      name: 'known difference (f)',
      workflow: group([task('name', ['note', 'unlock']), task('email')]),
      turns: turns([call('note_name', { text: 'call me Eve' }), call('unlock_name')], [call('finish_name', { value: 'Eve' })], [call('finish_email', { value: 'eve@example.com' })]),
    },
  },
} satisfies Record<string, KnownDifferenceInfo>;

/**
 * Not fixed yet: none today. A new one gets an entry here (its letter continues the list), an
 * `it.fails` repro in differential.test.ts, a line in README's "Known differences from LiveKit",
 * and, in generate.ts, a check of `options.avoid?.includes(name)` where its shape is drawn, so
 * the seeded test keeps clear of it until the engine matches LiveKit.
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, KnownDifferenceInfo>> = {};

/** A key of KNOWN_DIFFERENCES. */
export type KnownDifference = string;

/** Every known difference: what the seeded test avoids by default. */
export const ALL_KNOWN: KnownDifference[] = Object.keys(KNOWN_DIFFERENCES);
