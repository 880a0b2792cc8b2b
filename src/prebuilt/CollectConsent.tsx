import { llm } from '@livekit/agents';
import { type ReactElement, useRef } from 'react';
import { Task } from '../components/Task.js';
import { useComplete } from '../hooks/use-complete.js';
import { useOnEnter } from '../hooks/use-on-enter.js';
import { useTool } from '../hooks/use-tool.js';
import { type CollectorProps, composeInstructions, splitCollectorProps } from './collector-props.js';
import { CaptureFailedError } from './errors.js';
import { type RetryPolicy, escalate, resolveRetry } from './retry.js';

/** Props of {@link CollectConsent}. Confirmation options do not apply: a yes or no is the answer. */
export interface CollectConsentProps extends Omit<CollectorProps<boolean>, 'requireConfirmation' | 'requireExplicitAsk'> {
  /** What the agent asks on entering. Default: recording consent, as in LiveKit's documentation. */
  ask?: string;
}

const INSTRUCTIONS = [
  'Ask for recording consent and get a clear yes or no answer. Be polite and professional.',
  'If the answer is neither a clear yes nor a clear no, call `consent_unclear` and ask again.',
].join('\n');
const ASK =
  'Briefly introduce yourself, then ask for permission to record the call for quality assurance and training purposes. Make it clear that they can decline.';

function ConsentTools({ ask, retry }: { ask: string; retry: RetryPolicy | false | undefined }): null {
  // The enclosing <Task> is typed by the same R, through the collector's props.
  const complete: (result: boolean | Error) => void = useComplete();
  const unclear = useRef(0);
  const policy = resolveRetry(retry, '<CollectConsent>');
  useOnEnter(({ session }) => {
    // The question records nothing: consent comes from the user's answer, never from the greeting.
    session.generateReply({ instructions: ask, toolChoice: 'none' });
  });
  useTool('consent_given', { description: 'Use this when the user gives consent to record.', execute: () => complete(true) });
  useTool('consent_denied', { description: 'Use this when the user denies consent to record.', execute: () => complete(false) });
  useTool('consent_unclear', {
    description: 'Use this when the answer is neither a clear yes nor a clear no.',
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    execute: () => {
      unclear.current += 1;
      const step = escalate(policy, unclear.current, 'consent', 'explain in one short sentence why the call is recorded, then ask for a plain yes or no.');
      if (step.giveUp) complete(new CaptureFailedError('consent', unclear.current, 'no clear yes or no'));
      return `The answer is unclear.${step.advice}${step.giveUp ? '' : ' Ask again for a clear yes or no.'}`;
    },
  });
  return null;
}

/**
 * The consent task from LiveKit's documentation: asks for permission to record the call and
 * completes with `true` (`consent_given`) or `false` (`consent_denied`). The question is asked with
 * tool choice `none`, so the reply that asks cannot record an answer. An unclear answer
 * (`consent_unclear`) counts toward the retry policy. Default id `consent`.
 *
 * @example
 * const consent = await runTask(CollectConsent, { persona: 'You are Ava from Acme.' }, { chatCtx: this.chatCtx }); // boolean
 */
export function CollectConsent(props: CollectConsentProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'consent', description: 'Asks for consent to record the call' });
  return (
    <Task<boolean> collector="CollectConsent" {...task} instructions={composeInstructions(INSTRUCTIONS, options)}>
      <ConsentTools ask={rest.ask ?? ASK} retry={options.retry} />
    </Task>
  );
}
