import {
  Task,
  TaskGroup,
  type TaskCompletedEvent,
  type TaskGroupResult,
  useOnEnter,
  useTaskResults,
  useTool,
  useUserData,
} from 'react-agent-tasks';
import { z } from 'zod';
import { type TrackedAgentOptions, createTrackedAgent } from '../shared/tracked-agent.js';

export type AccountType = 'personal' | 'business';

export type AccountResults = {
  account_type: AccountType;
  company?: { taskResults: { company_name: string; vat_number: string } };
  contact: { email: string; wantsCall: boolean };
  phone?: string;
};

export interface AccountUserData {
  wantsCall?: boolean;
}

interface ValueStepProps {
  id: string;
  description: string;
  /** What the agent asks when the step starts. */
  ask: string;
  /** The tool that saves the answer and completes the step with it. */
  tool: string;
  schema: z.ZodType<string>;
}

/** A step that asks one question and completes with the one value its tool saves. */
function ValueStep({ id, description, ask, tool, schema }: ValueStepProps) {
  return (
    <Task id={id} description={description} instructions={`${description}.`}>
      <AskAndSave ask={ask} tool={tool} description={description} schema={schema} />
    </Task>
  );
}

function AskAndSave({ ask, tool, description, schema }: Omit<ValueStepProps, 'id'>) {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: ask });
  });
  useTool(tool, {
    description: `Save the answer: ${description.toLowerCase()}.`,
    parameters: z.object({ value: schema }),
    execute: ({ value }, { complete }) => complete(value),
  });
  return null;
}

/** A nested group, present only for business accounts: LiveKit's TaskGroup has a fixed list of tasks. */
function CompanyDetails() {
  const { account_type } = useTaskResults<AccountResults>();
  if (account_type !== 'business') return null;
  return (
    // The outer group summarizes the whole conversation; once is enough.
    <TaskGroup id="company" description="Collects the company's details" summarize={false}>
      <ValueStep id="company_name" description="Collects the company's registered name" ask="Ask for the company's registered name." tool="save_company_name" schema={z.string().min(1)} />
      <ValueStep id="vat_number" description="Collects the company's VAT number" ask="Ask for the company's VAT number." tool="save_vat_number" schema={z.string().regex(/^[A-Z]{2}[0-9A-Z]{8,12}$/)} />
    </TaskGroup>
  );
}

/** Email, and whether an advisor should call; the answer goes to userData, which decides the next step. */
function ContactStep() {
  return (
    <Task id="contact" description="Collects the email and whether the user wants a call" instructions="Collect the user's email and whether they want an advisor to call them.">
      <ContactTools />
    </Task>
  );
}

const ContactArgs = z.object({ email: z.email(), wantsCall: z.boolean() });

function ContactTools() {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: 'Ask for their email address, and whether they would like an advisor to call them.' });
  });
  useTool<typeof ContactArgs, AccountUserData>('save_contact', {
    description: 'Save the email address and whether the user wants an advisor to call.',
    parameters: ContactArgs,
    execute: ({ email, wantsCall }, { userData, complete }) => {
      userData.wantsCall = wantsCall;
      complete({ email, wantsCall });
    },
  });
  return null;
}

/** Present only when the user asked for a call: a step that follows userData. */
function PhoneStep() {
  const { wantsCall } = useUserData<AccountUserData>();
  if (!wantsCall) return null;
  return <ValueStep id="phone" description="Collects the phone number for the advisor's call" ask="Ask which phone number the advisor should call." tool="save_phone" schema={z.string().regex(/^\+?[0-9 ]{6,}$/)} />;
}

/**
 * Opening an account, with steps that depend on earlier answers: company details (a nested group)
 * only for a business, a phone number only if the user wants a call. Change the account type
 * afterwards and the company step drops out, with its answers.
 */
export function AccountOpening({ onTaskCompleted }: { onTaskCompleted?: (event: TaskCompletedEvent) => void }) {
  return (
    <TaskGroup onTaskCompleted={onTaskCompleted}>
      <ValueStep
        id="account_type"
        description="Asks whether the account is personal or for a business"
        ask="Welcome the user to Acme Bank and ask whether the account is personal or for a business."
        tool="save_account_type"
        schema={z.enum(['personal', 'business'])}
      />
      <CompanyDetails />
      <ContactStep />
      <PhoneStep />
    </TaskGroup>
  );
}

export interface AccountAgentOptions extends Pick<TrackedAgentOptions<TaskGroupResult>, 'onEvent' | 'strict' | 'track'> {
  onOpened?: (results: AccountResults) => void;
}

/** The agent: runs `<AccountOpening>` on enter, then confirms what was opened. */
export function createAccountAgent({ onOpened, ...workflow }: AccountAgentOptions = {}) {
  return createTrackedAgent<TaskGroupResult>(<AccountOpening />, {
    ...workflow,
    instructions: 'You are a helpful assistant at Acme Bank who opens accounts.',
    onResult: ({ taskResults }, agent) => {
      const results = taskResults as AccountResults;
      agent.session.generateReply({
        instructions: `Confirm that the ${results.account_type} account is being opened${results.phone ? ' and that an advisor will call' : ''}, and say goodbye.`,
      });
      onOpened?.(results);
    },
  });
}
