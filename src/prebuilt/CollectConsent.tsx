import type { ReactElement } from 'react';
import { Task } from '../components/Task.js';
import { useComplete } from '../hooks/use-complete.js';
import { useOnEnter } from '../hooks/use-on-enter.js';
import { useTool } from '../hooks/use-tool.js';
import { type CollectorProps, composeInstructions, splitCollectorProps } from './collector-props.js';

/** Props of {@link CollectConsent}. Confirmation options do not apply: a yes or no is the answer. */
export interface CollectConsentProps extends Omit<CollectorProps<boolean>, 'requireConfirmation' | 'requireExplicitAsk'> {
  /** What the agent asks on entering. Default: recording consent, as in LiveKit's documentation. */
  ask?: string;
}

const INSTRUCTIONS = 'Ask for recording consent and get a clear yes or no answer. Be polite and professional.';
const ASK =
  'Briefly introduce yourself, then ask for permission to record the call for quality assurance and training purposes. Make it clear that they can decline.';

function ConsentTools({ ask }: { ask: string }): null {
  const complete = useComplete<boolean>();
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: ask });
  });
  useTool('consent_given', { description: 'Use this when the user gives consent to record.', execute: () => complete(true) });
  useTool('consent_denied', { description: 'Use this when the user denies consent to record.', execute: () => complete(false) });
  return null;
}

/**
 * The consent task from LiveKit's documentation: asks for permission to record the call and
 * completes with `true` (`consent_given`) or `false` (`consent_denied`). Default id `consent`.
 *
 * @example
 * const consent = await runTask<boolean>(<CollectConsent persona="You are Ava from Acme." />, { chatCtx: this.chatCtx });
 */
export function CollectConsent(props: CollectConsentProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'consent', description: 'Asks for consent to record the call' });
  return (
    <Task<boolean> {...task} instructions={composeInstructions(INSTRUCTIONS, options)}>
      <ConsentTools ask={rest.ask ?? ASK} />
    </Task>
  );
}
