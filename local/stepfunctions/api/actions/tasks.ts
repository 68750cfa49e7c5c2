import { SfnApiError } from '../../errors.js';
import { BUCKET } from '../../repo/keys.js';
import type { Message, TokenRecord } from '../../runtime/types.js';
import { PAYLOAD_LIMIT, tryParse, utf8Length } from '../../util/json.js';
import type { Action, ApiContext } from '../context.js';
import type { Input } from '../input.js';
import { optionalString } from '../input.js';

/**
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat. A token this engine did not issue is InvalidToken; a
 * token whose task is over (completed, timed out, retried, execution ended) is TaskTimedOut with AWS's message.
 */
const TIMED_OUT = "Task Timed Out: 'Provided task does not exist anymore'";

async function pending(ctx: ApiContext, input: Input): Promise<TokenRecord> {
  const token = input.taskToken;
  if (typeof token !== 'string' || token.length < 1 || token.length > 2048) {
    throw new SfnApiError(
      'ValidationException',
      "1 validation error detected: Value at 'taskToken' failed to satisfy constraint: Member must have length between 1 and 2048",
    );
  }
  if (!ctx.tokens.verify(token)) throw new SfnApiError('InvalidToken', "Invalid Token: 'Invalid token'");
  const text = await ctx.store.get(BUCKET.tokens, token);
  if (text === undefined) throw new SfnApiError('TaskTimedOut', TIMED_OUT);
  return JSON.parse(text) as TokenRecord;
}

async function send(ctx: ApiContext, rec: TokenRecord, msg: Message): Promise<Record<string, unknown>> {
  if (!(await ctx.manager.deliver(rec.x, msg))) throw new SfnApiError('TaskTimedOut', TIMED_OUT);
  return {};
}

export const sendTaskSuccess: Action = async (ctx, input) => {
  const output = input.output;
  if (typeof output !== 'string')
    throw new SfnApiError(
      'ValidationException',
      "1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null",
    );
  if (utf8Length(output) > PAYLOAD_LIMIT) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT}`,
    );
  }
  const parsed = tryParse(output);
  if (!parsed.ok) throw new SfnApiError('InvalidOutput', `Invalid Output: '${output.slice(0, 200)}'`);
  const rec = await pending(ctx, input);
  return send(ctx, rec, { t: 'result', run: rec.r, attempt: rec.a, ok: true, output: parsed.value });
};

export const sendTaskFailure: Action = async (ctx, input) => {
  const rec = await pending(ctx, input);
  const cause = optionalString(input, 'cause');
  return send(ctx, rec, {
    t: 'result',
    run: rec.r,
    attempt: rec.a,
    ok: false,
    error: optionalString(input, 'error') ?? '',
    ...(cause !== undefined ? { cause } : {}),
  });
};

export const sendTaskHeartbeat: Action = async (ctx, input) => {
  const rec = await pending(ctx, input);
  return send(ctx, rec, { t: 'heartbeat', run: rec.r, attempt: rec.a });
};
