/** dynalite's `checkTypes(data, types)`, each type description compiled once (dynalite-types.mjs, D29). */
export declare function compiledCheckTypes(): (data: unknown, types: object) => Record<string, unknown>;
