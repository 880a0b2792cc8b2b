import { outlineWorkflow, toMermaid } from 'react-agent-tasks/diagram';
import { DIAGRAMS, type ExampleDiagram } from './diagrams.js';

/** An example's diagram as Mermaid text: its workflow outlined with its conditional steps. */
export function exampleMermaid(diagram: ExampleDiagram): string {
  return toMermaid(outlineWorkflow(diagram.workflow(), diagram.assume));
}

/** A README block: `<!-- diagram: name -->` then a mermaid code block, which GitHub draws. */
const BLOCK = /<!-- diagram: ([\w-]+) -->\n```mermaid\n([\s\S]*?)```/g;

/** The diagram blocks of a README, by example name. */
export function readmeDiagrams(readme: string): Map<string, string> {
  return new Map([...readme.matchAll(BLOCK)].map((match) => [match[1]!, match[2]!]));
}

/** The README with every diagram block redrawn from the code. */
export function redrawReadmeDiagrams(readme: string): string {
  return readme.replace(BLOCK, (block, name: string) => {
    const diagram = DIAGRAMS[name];
    return diagram ? `<!-- diagram: ${name} -->\n\`\`\`mermaid\n${exampleMermaid(diagram)}\`\`\`` : block;
  });
}
