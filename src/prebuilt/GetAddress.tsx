import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import { FIELD_LIMITS, bounded, collapseSpaces } from './text.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetAddress}. `address` is the parts joined on one line. */
export interface GetAddressResult {
  address: string;
  streetAddress: string;
  unitNumber?: string;
  /** City or town (with region and postal code when given). */
  locality: string;
  country: string;
}

/** Props of {@link GetAddress}: the shared collector props. */
export type GetAddressProps = CollectorProps<GetAddressResult>;

const parameters = z.object({
  street_address: z.string().describe('House or building number and street name, e.g. "221B Baker Street"'),
  unit_number: z.string().optional().describe('Apartment, suite or unit number; omit or leave empty when there is none'),
  locality: z.string().describe('City or town, with region or state and postal code when given'),
  country: z.string().describe('Country name'),
});

type Address = Omit<GetAddressResult, 'address'>;

const spec: CaptureSpec<Address, typeof parameters, GetAddressResult> = {
  component: '<GetAddress>',
  field: 'address',
  declineName: 'address',
  noun: 'address',
  parameters,
  updateDescription: "Records your best guess of the user's full address. Call it as soon as you have a new guess, before asking anything.",
  parse: (args) => {
    const streetAddress = collapseSpaces(bounded(args.street_address, FIELD_LIMITS.streetAddress, 'street address'));
    const unit = collapseSpaces(bounded(args.unit_number ?? '', FIELD_LIMITS.unitNumber, 'unit number'));
    const locality = collapseSpaces(bounded(args.locality, FIELD_LIMITS.locality, 'locality'));
    const country = collapseSpaces(bounded(args.country, FIELD_LIMITS.country, 'country'));
    const missing = Object.entries({ street_address: streetAddress, locality, country }).filter(([, part]) => part === '').map(([key]) => key);
    if (missing.length > 0) throw new llm.ToolError(`Incomplete address: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; ask for it.`);
    if (country.length < 2) throw new llm.ToolError(`Invalid address: "${country}" is not a country name.`);
    return { streetAddress, ...(unit ? { unitNumber: unit } : {}), locality, country };
  },
  readBack: (address) => formatAddress(address),
  toResult: (address) => ({ address: formatAddress(address), ...address }),
  rephrase: 'ask for one part at a time: the street and number, then the unit, the city, and the country.',
  ask: {
    audio: 'Ask the user to say their full address: street and number, unit if any, city, and country. If you already have it, ask them to confirm it.',
    text: 'Ask the user to type their full address: street and number, unit if any, city, and country. If you already have it, ask them to confirm it.',
  },
};

/** One line: "221B Baker Street, Flat 2, London NW1 6XE, United Kingdom". */
export function formatAddress(address: Address): string {
  return [address.streetAddress, address.unitNumber, address.locality, address.country].filter(Boolean).join(', ');
}

const instructions = (modality: 'audio' | 'text') =>
  [
    'You are one step in a larger conversation, responsible only for capturing a postal address.',
    inputHandling(modality),
    'Collect the street address with its number, the unit or apartment if there is one, the city or town, and the country.',
    'Call `update_address` whenever you form a new guess of the full address. If parts are missing, ask for them one at a time.',
    'If the user refuses to give an address, call `decline_address_capture`. Stay on topic; no markdown.',
  ].join('\n');

/**
 * Collects a postal address: street, optional unit, locality and country. Tools: `update_address`,
 * `confirm_address`, `decline_address_capture`. Result: `{ address, streetAddress, unitNumber?,
 * locality, country }`. Default id `address`.
 *
 * @example
 * <GetAddress extraInstructions="We only ship within the European Union." />
 */
export function GetAddress(props: GetAddressProps): ReactElement {
  const { task, options } = splitCollectorProps(props, { id: 'address', description: "Collects the user's postal address" });
  const modality = useSessionModality(options.modality);
  return (
    <Task<GetAddressResult> collector="GetAddress" {...task} instructions={composeInstructions(instructions(modality), options)}>
      <Collector spec={spec} options={options} modality={modality} />
    </Task>
  );
}
