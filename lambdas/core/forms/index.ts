/**
 * Forms: JSON Schema draft-07 + JSON Forms definitions, validated alike in the browser and on the server.
 * See README.md in this folder for the keyword semantics.
 */
export type { Bilingual, FieldError, FormDefinition, JsonSchema } from './types';
export { WIDGETS, createAjv, getValidator, sharedAjv } from './ajv';
export { CUSTOM_FORMATS, isCustomFormat } from './formats';
export * from './rules';
export { validateSubmission, validateSubmissionSync } from './validate-submission';
export type { SubmissionResult } from './validate-submission';
export { validateFormDefinition } from './validate-definition';
export { applyMigration, checkDrafts, migrationProblems } from './evolution';
export type { Migration } from './evolution';
export { escapeSegment, isAtOrUnder, parsePointer, toPointer } from './pointer';
