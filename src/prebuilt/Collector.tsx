import type { ReactElement } from 'react';
import type { ToolParameters } from '../model/types.js';
import type { CollectorOptions, Modality } from './collector-props.js';
import type { KeypadInput } from './dtmf.js';
import { type CaptureSpec, useCapture } from './use-capture.js';

/** Runs {@link useCapture} for a spec; rendered inside the collector's `<Task>`. */
export function Collector<V, P extends ToolParameters, R>(props: {
  spec: CaptureSpec<V, P, R>;
  options: CollectorOptions;
  modality: Modality;
  keypad?: KeypadInput;
}): ReactElement | null {
  useCapture(props.spec, props.options, props.modality, props.keypad);
  return null;
}
