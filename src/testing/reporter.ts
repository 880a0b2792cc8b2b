/**
 * react-agent-tasks/testing/reporter: a vitest reporter that adds up, over a test run, which steps
 * of each workflow were entered, which tools were called, which go-backs were taken and which
 * conditional steps appeared, and names what never was. Add it next to your usual reporter:
 *
 *   reporters: ['default', 'react-agent-tasks/testing/reporter']
 *   reporters: ['default', ['react-agent-tasks/testing/reporter', { outputFile: 'coverage/workflows.json', include: ['examples/'] }]]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { formatCoverage } from './coverage/format.js';
import { type CoverageReport, mergeCoverage } from './coverage/report.js';
import { COVERAGE_META_KEY, type CoverageRun } from './coverage/run.js';

export type { CoverageReport, StepCoverage, WorkflowCoverage } from './coverage/report.js';
export { formatCoverage, mergeCoverage };

/** Options of the reporter. */
export interface WorkflowCoverageOptions {
  /** Where the JSON report goes, relative to the project root; `false` for none. Default `coverage/workflows.json`. */
  outputFile?: string | false;
  /** Only count tests in files whose path (relative to the root) starts with one of these, or matches a RegExp. */
  include?: Array<string | RegExp>;
  /** Print the terminal summary. Default true. */
  print?: boolean;
}

/** What the reporter reads of vitest's objects (vitest 3 and 4 reporter API). */
interface TestCaseLike {
  meta(): Record<string, unknown>;
}
interface TestModuleLike {
  moduleId: string;
  children: { allTests(): Iterable<TestCaseLike> };
}
interface VitestLike {
  config: { root: string };
  logger: { log(...args: unknown[]): void };
}

/** The vitest reporter (default export, so vitest can load it by module name). */
export default class WorkflowCoverageReporter {
  private root = process.cwd();
  private log: (text: string) => void = (text) => process.stdout.write(`${text}\n`);
  /** The last report written, for whoever runs the reporter programmatically. */
  report: CoverageReport | undefined;

  constructor(private readonly options: WorkflowCoverageOptions = {}) {}

  onInit(vitest: VitestLike): void {
    this.root = vitest.config.root;
    this.log = (text) => vitest.logger.log(text);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModuleLike>): void {
    const runs: Array<CoverageRun & { file: string }> = [];
    for (const module of modules) {
      const file = relative(this.root, module.moduleId);
      if (!this.included(file)) continue;
      for (const test of module.children.allTests()) {
        const recorded = test.meta()[COVERAGE_META_KEY] as CoverageRun[] | undefined;
        for (const run of recorded ?? []) runs.push({ ...run, file });
      }
    }
    if (runs.length === 0) return;
    const report = mergeCoverage(runs);
    this.report = report;
    if (this.options.print !== false) this.log(`\n${formatCoverage(report)}\n`);
    const outputFile = this.options.outputFile ?? 'coverage/workflows.json';
    if (outputFile !== false) {
      const path = resolve(this.root, outputFile);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
      if (this.options.print !== false) this.log(`Workflow coverage JSON: ${relative(this.root, path)}`);
    }
  }

  private included(file: string): boolean {
    const include = this.options.include;
    if (!include || include.length === 0) return true;
    return include.some((pattern) => (typeof pattern === 'string' ? file.startsWith(pattern) : pattern.test(file)));
  }
}
