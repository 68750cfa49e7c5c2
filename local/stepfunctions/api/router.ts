import { SfnApiError } from '../errors.js';
import * as aliases from './actions/aliases.js';
import * as executions from './actions/executions.js';
import { getExecutionHistory } from './actions/history.js';
import * as machines from './actions/state-machines.js';
import * as tasks from './actions/tasks.js';
import { validateStateMachineDefinition } from './actions/validate.js';
import * as versions from './actions/versions.js';
import type { Action, ApiContext } from './context.js';

const ACTIONS: Record<string, Action> = {
  CreateStateMachine: machines.createStateMachine,
  DescribeStateMachine: machines.describeStateMachine,
  UpdateStateMachine: machines.updateStateMachine,
  DeleteStateMachine: machines.deleteStateMachine,
  ListStateMachines: machines.listStateMachines,
  PublishStateMachineVersion: versions.publishStateMachineVersion,
  ListStateMachineVersions: versions.listStateMachineVersions,
  DeleteStateMachineVersion: versions.deleteStateMachineVersion,
  CreateStateMachineAlias: aliases.createStateMachineAlias,
  DescribeStateMachineAlias: aliases.describeStateMachineAlias,
  UpdateStateMachineAlias: aliases.updateStateMachineAlias,
  DeleteStateMachineAlias: aliases.deleteStateMachineAlias,
  ListStateMachineAliases: aliases.listStateMachineAliases,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: executions.startExecution,
  DescribeExecution: executions.describeExecution,
  StopExecution: executions.stopExecution,
  ListExecutions: executions.listExecutions,
  DescribeStateMachineForExecution: executions.describeStateMachineForExecution,
  GetExecutionHistory: getExecutionHistory,
  SendTaskSuccess: tasks.sendTaskSuccess,
  SendTaskFailure: tasks.sendTaskFailure,
  SendTaskHeartbeat: tasks.sendTaskHeartbeat,
};

/** Runs one API action by name (the part after `AWSStepFunctions.` in X-Amz-Target). */
export function dispatch(
  ctx: ApiContext,
  action: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const fn = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (!fn)
    return Promise.reject(
      new SfnApiError(
        'UnknownOperationException',
        `Operation ${action} is not supported by the local engine`,
      ),
    );
  return fn(ctx, input);
}

export const SUPPORTED_ACTIONS = Object.keys(ACTIONS);
