import { outlineWorkflow, toMermaid } from 'react-agent-tasks/diagram';
import { DIAGRAMS, type ExampleDiagram } from './diagrams.js';
import { DIAGRAM_BLOCK } from './readme-blocks.js';

/** An example's diagram as Mermaid text: its workflow outlined with its conditional steps. */
export function exampleMermaid(diagram: ExampleDiagram): string {
  return toMermaid(outlineWorkflow(diagram.workflow(), diagram.assume));
}

/** The README with every diagram block redrawn from the code. */
export function redrawReadmeDiagrams(readme: string): string {
  return readme.replace(DIAGRAM_BLOCK, (block, name: string) => {
    const diagram = DIAGRAMS[name];
    return diagram ? `<!-- diagram: ${name} -->\n\`\`\`mermaid\n${exampleMermaid(diagram)}\`\`\`` : block;
  });
}
