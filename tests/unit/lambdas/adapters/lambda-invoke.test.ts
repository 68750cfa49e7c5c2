/**
 * Calling the platform Lambdas: values come back as they were answered, domain errors cross as domain errors
 * (same code, message and details, so the API answers as it would in-process), function errors as named errors.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { answer, invokeJson, remotePublisher } from '../../../../lambdas/adapters/lambda-invoke';
import { DomainError, ValidationError } from '../../../../lambdas/core/errors';

function fakeLambda(reply: (payload: unknown) => { Payload?: unknown; FunctionError?: string }) {
  const calls: { FunctionName?: string; InvocationType?: string; payload: unknown }[] = [];
  const client = {
    async send(command: { input: { FunctionName?: string; InvocationType?: string; Payload?: Uint8Array } }) {
      const payload = JSON.parse(new TextDecoder().decode(command.input.Payload));
      calls.push({
        FunctionName: command.input.FunctionName,
        InvocationType: command.input.InvocationType,
        payload,
      });
      const out = reply(payload);
      return {
        ...out,
        Payload: new TextEncoder().encode(JSON.stringify(out.Payload)),
      };
    },
  } as unknown as LambdaClient;
  return { client, calls };
}

describe('invokeJson', () => {
  it('invokes synchronously and returns the answered value', async () => {
    const { client, calls } = fakeLambda(() => ({
      Payload: { ok: true, value: { stateMachineArn: 'arn:sm', versionArn: 'arn:sm:1' } },
    }));
    const publisher = remotePublisher(client, 'cpflow-test-publish');
    await expect(publisher.publish('audit-quick', { StartAt: 'A' }, 'v1')).resolves.toEqual({
      stateMachineArn: 'arn:sm',
      versionArn: 'arn:sm:1',
    });
    expect(calls).toEqual([
      {
        FunctionName: 'cpflow-test-publish',
        InvocationType: 'RequestResponse',
        payload: {
          action: 'publish',
          workflowId: 'audit-quick',
          definition: { StartAt: 'A' },
          description: 'v1',
        },
      },
    ]);
  });

  it('rethrows an answered domain error with its code and details', async () => {
    const answered = await answer(async () => {
      throw new ValidationError('the definition reaches outside cpflow', [
        { path: '/States/X/Resource', message: 'no' },
      ]);
    });
    const { client } = fakeLambda(() => ({ Payload: answered }));
    const err = (await invokeJson(client, 'fn', {}).catch((e: unknown) => e)) as DomainError;
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      name: 'ValidationError',
      code: 'VALIDATION_FAILED',
      details: [{ path: '/States/X/Resource', message: 'no' }],
    });
  });

  it('turns a function error into an error named by its errorType', async () => {
    const { client } = fakeLambda(() => ({
      FunctionError: 'Unhandled',
      Payload: { errorType: 'StateMachineDeleting', errorMessage: 'being deleted' },
    }));
    await expect(invokeJson(client, 'fn', {})).rejects.toMatchObject({
      name: 'StateMachineDeleting',
      message: 'fn: being deleted',
    });
  });

  it('lets anything but a domain error fail the invocation', async () => {
    await expect(answer(async () => Promise.reject(new TypeError('boom')))).rejects.toThrow('boom');
  });
});
