import { DomainError } from '../errors';

/** A ConditionExpression did not hold. Entity modules turn it into the domain error that explains why. */
export class ConditionFailedError extends DomainError {
  constructor(message = 'condition failed') {
    super('CONDITION_FAILED', message);
  }
}

/** Runs `write`; if its condition fails, throws what `explain` returns instead. */
export async function onConditionFailed<T>(write: Promise<T>, explain: () => Error): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof ConditionFailedError) throw explain();
    throw err;
  }
}
