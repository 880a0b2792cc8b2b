/** The workloads of the benchmark: the survey interview, and generated workflows of N steps. */
import { JsxGenerated, JsxSurvey } from './jsx.js';
import { plainGenerated, plainSurvey } from './plain.js';
import { generatedScript, surveyScript } from './script.js';
import { type Workload, workload } from './conversation.js';

export function surveyWorkload(): Workload {
  return workload(surveyScript(), plainSurvey, (tracker) => <JsxSurvey tracker={tracker} />);
}

export function generatedWorkload(count: number): Workload {
  return workload(generatedScript(count), plainGenerated(count), (tracker) => <JsxGenerated tracker={tracker} count={count} />);
}

/** A workload by name, so another process can build the same one. */
export type WorkloadSpec = { kind: 'survey' } | { kind: 'generated'; steps: number };

export function workloadOf(spec: WorkloadSpec): Workload {
  return spec.kind === 'survey' ? surveyWorkload() : generatedWorkload(spec.steps);
}
