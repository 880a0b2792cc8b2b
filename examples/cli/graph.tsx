/**
 * `npm run graph -- --example survey`: prints an example's workflow as a Mermaid flowchart, drawn
 * from its code alone (no session, no model). `--readme` redraws the diagrams in README.md.
 */
import './no-act.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { initializeLogger } from '@livekit/agents';
import { Command, Option } from 'commander';
import { EXAMPLES } from '../examples.js';
import { findDiagram } from './diagrams.js';
import { exampleMermaid, redrawReadmeDiagrams } from './readme-diagrams.js';

const program = new Command()
  .name('npm run graph --')
  .description("Prints an example's workflow as a Mermaid flowchart (paste it into a ```mermaid block).")
  .addOption(new Option('-e, --example <name>', 'the example to draw').choices(EXAMPLES.map((e) => e.name)).default(EXAMPLES[0]!.name))
  .option('--readme [path]', 'redraw every <!-- diagram: name --> block of the README instead', false);

program.parse();
const options = program.opts<{ example: string; readme: string | boolean }>();
initializeLogger({ pretty: false, level: 'error' });

if (options.readme) {
  const path = typeof options.readme === 'string' ? options.readme : new URL('../../README.md', import.meta.url);
  const before = readFileSync(path, 'utf8');
  const after = redrawReadmeDiagrams(before);
  writeFileSync(path, after);
  console.log(after === before ? 'README diagrams are up to date.' : 'README diagrams redrawn.');
} else {
  process.stdout.write(exampleMermaid(findDiagram(options.example)!));
}
