import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerKey } from '../../src/durable/index.js';

const sip = (phoneNumber: string, trunkPhoneNumber?: string) => ({
  participant: { identity: 'sip_caller', attributes: { 'sip.phoneNumber': phoneNumber, ...(trunkPhoneNumber && { 'sip.trunkPhoneNumber': trunkPhoneNumber }) } },
});

describe('callerKey', () => {
  it('keys a phone call on the caller and the number dialed, the same however the number is written', () => {
    const key = callerKey(sip('+1 (510) 555-0100', '+14155550000'));
    expect(key).toMatch(/^call:sip:[0-9a-f]{64}$/);
    expect(callerKey(sip('15105550100', '+1 415 555 0000'))).toBe(key);
    expect(callerKey(sip('+15105550100', '+14155550001'))).not.toBe(key);
    expect(callerKey(sip('+15105550101', '+14155550000'))).not.toBe(key);
    expect(key).not.toContain('5105550100');
  });

  it('gives no key for a withheld or malformed number, so two such callers never share a checkpoint', () => {
    for (const number of ['anonymous', '', 'sip:alice@example.com', '+', '12345', '+1234567890123456', 'restricted']) {
      expect(callerKey(sip(number)), number).toBeUndefined();
    }
    expect(callerKey({})).toBeUndefined();
  });

  it('falls back to a room metadata field, and ignores metadata that is not JSON', () => {
    const room = (metadata: string) => ({ room: { name: 'r', metadata } });
    const key = callerKey(room('{"customerId":"c-42"}'), { metadataField: 'customerId' });
    expect(key).toMatch(/^call:meta:[0-9a-f]{64}$/);
    expect(callerKey(room('{"customerId":" c-42 ","other":1}'), { metadataField: 'customerId' })).toBe(key);
    expect(callerKey(room('{"customerId":42}'), { metadataField: 'customerId' })).toMatch(/^call:meta:/);
    expect(callerKey(room('{"customerId":"c-42"}'))).toBeUndefined();
    for (const metadata of ['not json', '{"customerId":""}', '{"customerId":null}', '[]', '{"customerId":{"a":1}}', '']) {
      expect(callerKey(room(metadata), { metadataField: 'customerId' }), metadata).toBeUndefined();
    }
    // A phone caller wins over metadata.
    expect(callerKey({ ...sip('+15105550100'), ...room('{"customerId":"c-42"}') }, { metadataField: 'customerId' })).toMatch(/^call:sip:/);
  });

  it('separates namespaces and secrets', () => {
    const plain = callerKey(sip('+15105550100'));
    expect(callerKey(sip('+15105550100'), { namespace: 'interview' })).toMatch(/^interview:sip:/);
    expect(callerKey(sip('+15105550100'), { secret: 's1' })).not.toBe(plain);
    expect(callerKey(sip('+15105550100'), { secret: 's1' })).not.toBe(callerKey(sip('+15105550100'), { secret: 's2' }));
    expect(() => callerKey(sip('+15105550100'), { namespace: '' })).toThrow(/^react-agent-tasks: callerKey\(\) got an empty namespace/);
  });

  it('never throws on arbitrary attributes and metadata, and keys different numbers apart (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (phone, trunk, metadata) => {
        const key = callerKey({ ...sip(phone, trunk), room: { metadata } }, { metadataField: 'id' });
        expect(key === undefined || /^call:(sip|meta):[0-9a-f]{64}$/.test(key)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,15}$/), fc.stringMatching(/^\d{6,15}$/), (a, b) => {
        fc.pre(a !== b);
        expect(callerKey(sip(a))).not.toBe(callerKey(sip(b)));
      }),
    );
  });
});
