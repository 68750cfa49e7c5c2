import type { Json, JsonObject } from '../util/json.js';

/** The ASL shapes the interpreter reads (JSONPath query language, plus the JSONata fields of item 6). */
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: JsonObject;
}

/** One choice rule; a top-level rule also has Next. */
export interface ChoiceRule {
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Next?: string;
  Condition?: string | boolean;
  Output?: Json;
  Assign?: JsonObject;
  [operator: string]: Json | ChoiceRule | ChoiceRule[] | undefined;
}

export interface StateMachineScope {
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: QueryLanguage;
  ProcessorConfig?: { Mode?: string; ExecutionType?: string };
}

export interface State {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  Next?: string;
  End?: boolean;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: Json;
  ResultSelector?: Json;
  Result?: Json;
  // JSONata
  Arguments?: Json;
  Output?: Json;
  Assign?: JsonObject;
  Items?: Json;
  // Task
  Resource?: string;
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  // Choice
  Choices?: ChoiceRule[];
  Default?: string;
  // Wait
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  // Fail
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
  // Map
  ItemsPath?: string;
  ItemSelector?: Json;
  ItemProcessor?: StateMachineScope;
  Iterator?: StateMachineScope;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ItemReader?: Json;
  ItemBatcher?: Json;
  ResultWriter?: Json;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailureCount?: number | string;
  // Parallel
  Branches?: StateMachineScope[];
}

export interface Definition extends StateMachineScope {
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
}
