import {
  type GroupResultsOf,
  type StepCompletedEvent,
  type StepMapOf,
  Task,
  TaskGroup,
  type TaskHandle,
  defineGroup,
  defineTask,
  optional,
  useComplete,
  useOnEnter,
  useTaskResults,
  withUserData,
} from 'react-agent-tasks';
import { z } from 'zod';
import { type TrackedAgentOptions, createTrackedAgent } from '../shared/tracked-agent.js';

export type AccountType = 'personal' | 'business';

export interface Contact {
  email: string;
  wantsCall: boolean;
}

export interface AccountUserData {
  wantsCall?: boolean;
}

/** The userData hooks, typed once for this workflow. */
const { useTool, useUserData } = withUserData<AccountUserData>();

// The steps, with their ids and result types; the company group and the phone step are
// conditional (optional): their results may be missing.
const accountType = defineTask<AccountType>('account_type');
const companyName = defineTask<string>('company_name');
const vatNumber = defineTask<string>('vat_number');
const company = defineGroup('company', { company_name: companyName, vat_number: vatNumber });
const contact = defineTask<Contact>('contact');
const phone = defineTask<string>('phone');
export const accountOpening = defineGroup({ account_type: accountType, company: optional(company), contact, phone: optional(phone) });

/** `{ account_type: AccountType; company?: { taskResults: { company_name; vat_number } }; contact: Contact; phone?: string }` */
export type AccountResults = GroupResultsOf<typeof accountOpening>;

interface ValueStepProps<T extends string> {
  step: TaskHandle<T>;
  description: string;
  /** What the agent asks when the step starts. */
  ask: string;
  /** The tool that saves the answer and completes the step with it. */
  tool: string;
  schema: z.ZodType<T>;
}

/** A step that asks one question and completes with the one value its tool saves. */
function ValueStep<T extends string>({ step, description, ask, tool, schema }: ValueStepProps<T>) {
  return (
    <Task step={step} description={description} instructions={`${description}.`}>
      <AskAndSave step={step} ask={ask} tool={tool} description={description} schema={schema} />
    </Task>
  );
}

function AskAndSave<T extends string>({ step, ask, tool, description, schema }: ValueStepProps<T>) {
  const complete = useComplete(step);
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: ask });
  });
  useTool(tool, {
    description: `Save the answer: ${description.toLowerCase()}.`,
    parameters: z.object({ value: schema }),
    execute: ({ value }) => complete(value),
  });
  return null;
}

/** A nested group, present only for business accounts: LiveKit's TaskGroup has a fixed list of tasks. */
function CompanyDetails() {
  const { account_type } = useTaskResults(accountOpening);
  if (account_type !== 'business') return null;
  return (
    // The outer group summarizes the whole conversation; once is enough.
    <TaskGroup step={company} description="Collects the company's details" summarize={false}>
      <ValueStep step={companyName} description="Collects the company's registered name" ask="Ask for the company's registered name." tool="save_company_name" schema={z.string().min(1)} />
      <ValueStep step={vatNumber} description="Collects the company's VAT number" ask="Ask for the company's VAT number." tool="save_vat_number" schema={z.string().regex(/^[A-Z]{2}[0-9A-Z]{8,12}$/)} />
    </TaskGroup>
  );
}

/** Email, and whether an advisor should call; the answer goes to userData, which decides the next step. */
function ContactStep() {
  return (
    <Task step={contact} description="Collects the email and whether the user wants a call" instructions="Collect the user's email and whether they want an advisor to call them.">
      <ContactTools />
    </Task>
  );
}

const ContactArgs = z.object({ email: z.email(), wantsCall: z.boolean() });

function ContactTools() {
  const complete = useComplete(contact);
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: 'Ask for their email address, and whether they would like an advisor to call them.' });
  });
  useTool('save_contact', {
    description: 'Save the email address and whether the user wants an advisor to call.',
    parameters: ContactArgs,
    execute: ({ email, wantsCall }, { userData }) => {
      userData.wantsCall = wantsCall;
      complete({ email, wantsCall });
    },
  });
  return null;
}

/** Present only when the user asked for a call: a step that follows userData. */
function PhoneStep() {
  const { wantsCall } = useUserData();
  if (!wantsCall) return null;
  return <ValueStep step={phone} description="Collects the phone number for the advisor's call" ask="Ask which phone number the advisor should call." tool="save_phone" schema={z.string().regex(/^\+?[0-9 ]{6,}$/)} />;
}

/**
 * Opening an account, with steps that depend on earlier answers: company details (a nested group)
 * only for a business, a phone number only if the user wants a call. Change the account type
 * afterwards and the company step drops out, with its answers.
 */
export function AccountOpening({ onTaskCompleted }: { onTaskCompleted?: (event: StepCompletedEvent<StepMapOf<typeof accountOpening>>) => void }) {
  return (
    <TaskGroup step={accountOpening} onTaskCompleted={onTaskCompleted}>
      <ValueStep
        step={accountType}
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

export interface AccountAgentOptions extends Pick<TrackedAgentOptions<unknown>, 'onEvent' | 'strict' | 'track'> {
  onOpened?: (results: AccountResults) => void;
}

/** The agent: runs `<AccountOpening>` on enter, then confirms what was opened. */
export function createAccountAgent({ onOpened, ...workflow }: AccountAgentOptions = {}) {
  return createTrackedAgent(accountOpening, <AccountOpening />, {
    ...workflow,
    instructions: 'You are a helpful assistant at Acme Bank who opens accounts.',
    onResult: ({ taskResults: results }, agent) => {
      agent.session.generateReply({
        instructions: `Confirm that the ${results.account_type} account is being opened${results.phone ? ' and that an advisor will call' : ''}, and say goodbye.`,
      });
      onOpened?.(results);
    },
  });
}
