import pc from 'picocolors';
import type { WorkflowSnapshot } from 'react-agent-tasks';
import type { CallEvent } from '../shared/simulated-call.js';
import { compactTree } from './tree.js';

export interface PrinterOptions {
  /** Colours and a compact layout; plain text otherwise (piped output, logs, tests). */
  pretty: boolean;
  write?: (line: string) => void;
}

const STATUS_COLOURS: Record<string, (text: string) => string> = {
  active: (t) => pc.bold(pc.cyan(t)),
  done: pc.green,
  failed: pc.red,
  skipped: pc.dim,
  pending: pc.dim,
};

/**
 * Prints a call as it happens: caller and agent turns, tool calls with their arguments, and the
 * task tree each time the workflow moves to another step.
 */
export class Printer {
  private tree: string | undefined;
  private snapshot: WorkflowSnapshot | undefined;
  private printedTree: string | undefined;
  private readonly write: (line: string) => void;

  constructor(private readonly options: PrinterOptions) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
  }

  get pretty(): boolean {
    return this.options.pretty;
  }

  onEvent = (event: CallEvent): void => {
    switch (event.type) {
      case 'caller':
        this.flushTree();
        return this.line(this.pretty ? `${pc.bold(pc.yellow('  caller ›'))} ${event.text}` : `caller: ${event.text}`);
      case 'agent':
        this.flushTree();
        return this.line(this.pretty ? `${pc.bold(pc.magenta('   agent ›'))} ${event.text}` : `agent: ${event.text}`);
      case 'tool':
        return this.line(this.formatTool(event));
      case 'note':
        return this.line(this.pretty ? pc.green(`         ✎ ${event.text}`) : `note: ${event.text}`);
      case 'workflow':
        if (event.event.type === 'step') {
          this.snapshot = event.workflow.snapshot();
          this.tree = event.workflow.tree();
        }
        if (event.event.type === 'entered') this.flushTree();
        if (event.event.type === 'wentBack') {
          const text = `going back to ${event.event.targets.join(', ')} (from ${event.event.from})`;
          this.line(this.pretty ? pc.yellow(`         ↩ ${text}`) : `went back: ${text}`);
        }
        return;
      case 'closed':
        this.flushTree();
        return this.line(this.pretty ? pc.dim(`  call ended (${event.reason})`) : `call ended: ${event.reason}`);
    }
  };

  /** Prints the tree if it changed since it was last printed. */
  flushTree(): void {
    if (!this.tree || this.tree === this.printedTree) return;
    this.printedTree = this.tree;
    if (this.pretty) {
      const paint = (status: string, text: string) => (STATUS_COLOURS[status] ?? ((t: string) => t))(text);
      this.line(`${pc.dim('   steps ·')} ${compactTree(this.snapshot!, paint)}`);
    } else {
      this.line(`tree:\n${indent(this.tree, '  ')}`);
    }
  }

  heading(text: string): void {
    this.line(this.pretty ? `\n${pc.bold(text)}` : `\n== ${text}`);
  }

  /**
   * A labelled value for the final report. Objects are indented JSON in plain text; on a terminal
   * each key gets one line.
   */
  field(label: string, value: unknown): void {
    if (this.pretty) {
      const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
      if (!isRecord) return this.line(`${pc.cyan(`${label}:`)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
      this.line(pc.cyan(`${label}:`));
      for (const [key, item] of Object.entries(value)) this.line(`  ${pc.dim(`${key}:`)} ${JSON.stringify(item)}`);
      return;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    this.line(text.includes('\n') ? `${label}:\n${indent(text, '  ')}` : `${label}: ${text}`);
  }

  line(text: string): void {
    this.write(text);
  }

  private formatTool(event: Extract<CallEvent, { type: 'tool' }>): string {
    const args = event.args && event.args !== '{}' ? event.args : '';
    const output = event.output ? ` → ${event.output}` : '';
    if (!this.pretty) return `tool: ${event.name}(${args})${output}${event.isError ? ' [error]' : ''}`;
    const result = event.isError ? pc.red(output) : pc.dim(output);
    return `${pc.dim('         ⚙')} ${pc.blue(event.name)}${pc.dim(`(${args})`)}${result}`;
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
