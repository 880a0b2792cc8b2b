import { useTool, type UseToolOptions } from '../hooks/use-tool.js';
import type { DefaultUserData, ToolParameters } from '../model/types.js';

/** Props of {@link Tool}: the tool's name and the options of `useTool`. */
export type ToolProps<P extends ToolParameters | undefined = undefined, U = DefaultUserData> = UseToolOptions<P, U> & { name: string };

/**
 * A tool as an element, for tools that exist only while a condition holds:
 * `{recorded && <Tool name="confirm_email" … />}` appears and disappears with `recorded`.
 *
 * @example
 * {email && <Tool name="confirm_email" description="The user confirmed the email." execute={() => complete({ email })} />}
 */
export function Tool<P extends ToolParameters | undefined = undefined, U = DefaultUserData>({ name, ...options }: ToolProps<P, U>): null {
  useTool<P, U>(name, options as UseToolOptions<P, U>);
  return null;
}
