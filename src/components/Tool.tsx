import { type UseDefinedToolOptions, type UseToolOptions, useTool } from '../hooks/use-tool.js';
import type { AnyToolHandle } from '../model/tool-handle.js';
import type { DefaultUserData, ToolParameters } from '../model/types.js';

/** Props of {@link Tool}: the tool's name and the options of `useTool`. */
export type ToolProps<P extends ToolParameters | undefined = undefined, U = DefaultUserData> = UseToolOptions<P, U> & { name: string; tool?: undefined };

/** Props of {@link Tool} for a tool made by `defineTool`: the tool and its `execute` (and `enabled`). */
export type DefinedToolProps<T extends AnyToolHandle, U = DefaultUserData> = UseDefinedToolOptions<T, U> & { tool: T; name?: undefined };

/**
 * A tool as an element, for tools that exist only while a condition holds:
 * `{recorded && <Tool name="confirm_email" … />}` appears and disappears with `recorded`. It takes
 * `name` and the options of `useTool`, or `tool` (made by `defineTool`, which gives the name,
 * description and parameters) and `execute`, whose arguments are then typed by the tool's schema.
 *
 * @example
 * {email && <Tool name="confirm_email" description="The user confirmed the email." execute={() => complete({ email })} />}
 * {email && <Tool tool={confirmEmail} execute={() => complete({ email })} />} // confirmEmail = defineTool('confirm_email', …)
 */
export function Tool<T extends AnyToolHandle, U = DefaultUserData>(props: DefinedToolProps<T, U>): null;
export function Tool<P extends ToolParameters | undefined = undefined, U = DefaultUserData>(props: ToolProps<P, U>): null;
export function Tool(props: ToolProps<ToolParameters | undefined> | DefinedToolProps<AnyToolHandle>): null {
  // Either way the one hook call is the same `useTool`: switching forms keeps the hook order.
  if (props.tool !== undefined) {
    const { tool, name: _name, ...options } = props;
    useTool(tool, options);
  } else {
    const { name, tool: _tool, ...options } = props;
    useTool(name, options);
  }
  return null;
}
