/** The page's stylesheet (injected by main.tsx: one file to serve, no CDN, no fonts to fetch). */
export const STYLES = `
:root { --pending: #a1a1aa; --active: #2563eb; --done: #16a34a; --failed: #dc2626; --skipped: #d4d4d8; --ink: #18181b; --muted: #71717a; --line: #e4e4e7; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #f8fafc; }
.inspector { display: grid; grid-template: "top top" auto "side main" 1fr / 240px 1fr; height: 100vh; }
.top { grid-area: top; display: flex; align-items: center; gap: 12px; padding: 10px 18px; background: #0f172a; color: #f8fafc; }
.top h1 { font-size: 15px; margin: 0; font-weight: 600; }
.connection { font-size: 12px; padding: 2px 8px; border-radius: 99px; background: #334155; }
.connection.open { background: #15803d; }
.connection.closed { background: #b91c1c; }
.sidebar { grid-area: side; border-right: 1px solid var(--line); background: #fff; overflow: auto; }
.conversations { list-style: none; margin: 0; padding: 8px; }
.conversations button { width: 100%; text-align: left; border: 1px solid transparent; background: none; padding: 8px 10px; border-radius: 8px; cursor: pointer; display: flex; flex-direction: column; font: inherit; color: inherit; }
.conversations button[aria-pressed="true"] { background: #eff6ff; border-color: #bfdbfe; }
.conversations .meta { font-size: 12px; color: var(--muted); }
.conversations .status-running .meta::before { content: "● "; color: var(--active); }
main { grid-area: main; overflow: auto; padding: 14px 18px; }
.detail-header { display: flex; align-items: baseline; gap: 12px; margin-bottom: 12px; }
.detail-header h2 { margin: 0; font-size: 18px; }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 99px; background: #e0e7ff; color: #3730a3; }
.badge.status-finished { background: #dcfce7; color: #166534; }
.holding { color: var(--active); font-weight: 600; }
.columns { display: grid; grid-template-columns: minmax(280px, max-content) minmax(340px, 1fr); gap: 14px; align-items: start; }
.column > .card { max-width: 640px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; margin-bottom: 14px; }
.card h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0 0 8px; }
.card h3 + * + h3 { margin-top: 12px; }
.empty { color: var(--muted); margin: 4px 0; }
.step-graph { display: block; max-width: 100%; height: auto; }
.step rect { fill: #f4f4f5; stroke: var(--pending); stroke-width: 1.5; }
.step.status-active rect { fill: #dbeafe; stroke: var(--active); }
.step.status-done rect { fill: #dcfce7; stroke: var(--done); }
.step.status-failed rect { fill: #fee2e2; stroke: var(--failed); }
.step.status-skipped rect { fill: #fafafa; stroke: var(--skipped); stroke-dasharray: 5 4; }
.step.holding rect { stroke-width: 3.5; }
.step-id { font-weight: 600; font-size: 14px; fill: var(--ink); }
.step-state { font-size: 12px; fill: var(--muted); }
.step.holding .step-state { fill: var(--active); font-weight: 600; }
.step.status-skipped text { fill: #a1a1aa; }
.step-entries { font-size: 12px; fill: var(--muted); }
.group rect { fill: none; stroke: #cbd5e1; stroke-dasharray: 4 3; }
.group.status-active rect { stroke: #93c5fd; }
.group-title { font-size: 12px; fill: var(--muted); }
.edge { fill: none; stroke: #94a3b8; stroke-width: 1.5; }
.arrow-head { fill: #94a3b8; }
.results { margin: 0; display: grid; gap: 4px; }
.result { display: grid; grid-template-columns: 110px 1fr; gap: 8px; }
.result dt { font-weight: 600; }
.result dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-word; }
.result dd.masked, .masked .text, .masked code { color: #b45309; }
.transcript { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; max-height: calc(100vh - 170px); overflow: auto; }
.transcript .message, .transcript .tool { display: grid; grid-template-columns: 52px 1fr; align-items: start; }
.transcript .who { font-size: 11px; text-transform: uppercase; color: var(--muted); padding-top: 3px; }
.message.user .text { background: #fef9c3; }
.message.assistant .text { background: #f3e8ff; }
.message .text { padding: 3px 8px; border-radius: 8px; justify-self: start; }
.tool code { font-size: 12px; color: #1d4ed8; word-break: break-word; padding-top: 3px; }
.tool.error code { color: var(--failed); }
.entered { color: var(--muted); font-size: 12px; border-top: 1px dashed var(--line); padding-top: 4px; }
.went-back { color: #b45309; font-weight: 600; }
.failure { color: var(--failed); }
.closed { color: var(--muted); font-style: italic; }
`;
