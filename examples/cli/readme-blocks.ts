/** A README diagram block: `<!-- diagram: name -->` then a mermaid code block, which GitHub draws. */
export const DIAGRAM_BLOCK = /<!-- diagram: ([\w-]+) -->\n```mermaid\n([\s\S]*?)```/g;

/** The diagram blocks of a README, by example name. */
export function readmeDiagrams(readme: string): Map<string, string> {
  return new Map([...readme.matchAll(DIAGRAM_BLOCK)].map((match) => [match[1]!, match[2]!]));
}
