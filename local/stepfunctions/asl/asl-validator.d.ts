// asl-validator 4.0.0 ships no type declarations. Its error objects use capitalised keys (STACK.md pitfall 8).
declare module 'asl-validator' {
  export interface AslValidatorError {
    'Error code': string;
    Message: string;
    schemaError?: { instancePath?: string; schemaPath?: string };
  }
  export interface AslValidatorResult {
    isValid: boolean;
    errors: AslValidatorError[];
    errorsText(separator?: string): string;
  }
  /** Note: it writes a default QueryLanguage into every state of `definition`; pass a copy. */
  export default function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): AslValidatorResult;
}
