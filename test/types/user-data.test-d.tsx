/** Type tests: userData is typed once per workflow (`withUserData<U>()`), `unknown` otherwise, never `any`. */
import type { voice } from '@livekit/agents';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { Tool as PlainTool, defineTool, useOnEnter, useTool, useUserData, withUserData } from 'react-agent-tasks';

interface PatientData {
  patientName?: string;
  visits: number;
}
const { useUserData: usePatientData, useTool: usePatientTool, useOnEnter: useOnPatientEnter, useOnExit: useOnPatientExit, useSession: usePatientSession, Tool } =
  withUserData<PatientData>();

const recordName = defineTool('record_name', { description: 'Records the name.', parameters: z.object({ name: z.string() }) });

export function typedHooks() {
  expectTypeOf(usePatientData()).toEqualTypeOf<PatientData>();
  expectTypeOf(usePatientSession()).toEqualTypeOf<voice.AgentSession<PatientData>>();
  usePatientTool('save_name', {
    description: 'Saves the name.',
    parameters: z.object({ name: z.string() }),
    execute: ({ name }, { userData }) => {
      userData.patientName = name;
      // @ts-expect-error a misspelled userData field
      userData.patientNmae = name;
    },
  });
  usePatientTool(recordName, {
    execute: ({ name }, { userData }) => {
      expectTypeOf(name).toBeString();
      userData.visits += 1;
      // @ts-expect-error a userData field has its own type
      userData.visits = name;
    },
  });
  useOnPatientEnter(({ userData }) => {
    expectTypeOf(userData).toEqualTypeOf<PatientData>();
  });
  useOnPatientExit(({ userData }) => {
    // @ts-expect-error a misspelled userData field
    userData.patientNmae;
  });
  return <Tool name="count" description="Counts a visit." execute={(_args, { userData }) => (userData.visits += 1)} />;
}

export function typedToolElement() {
  return (
    <>
      <Tool
        tool={recordName}
        execute={(args, { userData }) => {
          expectTypeOf(args.name).toBeString();
          userData.patientName = args.name;
          // @ts-expect-error an argument the tool's schema does not have
          return args.age;
        }}
      />
      {/* @ts-expect-error a tool made by defineTool takes its name, description and parameters from it */}
      <Tool tool={recordName} description="Another description." execute={() => {}} />
      {/* @ts-expect-error `name` and `tool` together */}
      <Tool tool={recordName} name="record_name" execute={() => {}} />
      <PlainTool tool={recordName} execute={({ name }) => expectTypeOf(name).toBeString()} />
    </>
  );
}

export function untypedIsUnknownNotAny() {
  expectTypeOf(useUserData()).toBeUnknown();
  useTool('save', {
    description: 'Saves.',
    execute: (_args, { userData }) => {
      expectTypeOf(userData).toBeUnknown();
      // @ts-expect-error userData without a type is unknown: give it one with withUserData<U>()
      userData.patientNmae = 'x';
    },
  });
  useOnEnter(({ userData }) => {
    expectTypeOf(userData).toBeUnknown();
  });
}
