/** dynalite's `checkTypes(data, types)`, each type description compiled once (dynalite-types.mjs, D29). */
export declare function compiledCheckTypes(): (data: unknown, types: object) => Record<string, unknown>;

/** AttributeValue's members, as dynalite describes them for `AttrStruct<…>`. */
export declare const ATTRIBUTE_VALUE: Readonly<Record<string, string | { type: string; children: string }>>;
