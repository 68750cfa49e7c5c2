// dynalite checks each request's shape against its operation's type description (`validations.checkTypes`) before
// anything else, as DynamoDB's own deserialiser does, and answers a SerializationException where it does not fit.
// Its checker interprets the description afresh for every value: a regular expression on each type's name, and for
// each attribute value a new description of AttributeValue's ten members, each then looked up. For an item of a
// 300-field form that was the largest single cost of the store's thread under the submission benchmark
// (docs/decisions.md D29).
//
// `compiledCheckTypes` returns a checker with the same contract — the same answers, the same errors, the same
// changes to the request — that reads each description once, into a function per type kept for the life of the
// process. The shape of every check below is dynalite 4.0.0's (validations/index.js, `checkTypes`), kept in its
// order so that the first problem found is the one dynalite reports; tests/integration/local/dynalite-types.test.ts
// runs both over generated requests, well-formed and not, and compares them.

function typeError(msg) {
  const err = new Error(msg);
  err.statusCode = 400;
  err.body = {
    __type: 'com.amazon.coral.service#SerializationException',
    Message: msg,
  };
  return err;
}

/** A JSON object or array where a scalar belongs, in dynalite's words. */
function scalarExpected(val, collectionClass) {
  if (Array.isArray(val)) return typeError('Unrecognized collection type class ' + collectionClass);
  return typeError('Start of structure or map found where not expected');
}

/** What dynalite answers for a scalar where a parameterized list or map belongs (Java's own message). */
const PARAMETERIZED =
  "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of loader 'bootstrap')";

const notFrom = (what, type) => typeError(what + ' cannot be converted to ' + type);
const booleanValue = (val) => (val ? 'TRUE_VALUE' : 'FALSE_VALUE');
const numberValue = (val) => (val % 1 === 0 ? 'NUMBER_VALUE' : 'DECIMAL_VALUE');

/** AttributeValue's members, as dynalite describes them for `AttrStruct<…>`. */
export const ATTRIBUTE_VALUE = {
  S: 'String',
  B: 'Blob',
  N: 'String',
  BOOL: 'Boolean',
  NULL: 'Boolean',
  BS: { type: 'List', children: 'Blob' },
  NS: { type: 'List', children: 'String' },
  SS: { type: 'List', children: 'String' },
  L: { type: 'List', children: 'AttrStruct<ValueStruct>' },
  M: { type: 'Map<AttributeValue>', children: 'AttrStruct<ValueStruct>' },
};

/** A checker of dynalite's `checkTypes(data, types)`, each description compiled once. */
export function compiledCheckTypes() {
  // a description is a type name (string) or `{ type, children }`; each is compiled once, a name by its text and an
  // object by its identity (dynalite's descriptions are constants of its modules). One that cannot be read fails as
  // dynalite's does: for a value present, not for one absent.
  const checkers = new Map();
  const structs = new Map();

  const checkerOf = (description) => {
    let check = checkers.get(description);
    if (!check) {
      try {
        check = compile(description);
      } catch (err) {
        check = (val) => {
          if (val == null) return null;
          throw err;
        };
      }
      checkers.set(description, check);
    }
    return check;
  };

  // children are compiled on first use: AttributeValue's L and M hold AttributeValues
  const lazy = (description) => {
    let check;
    return (val) => (check ??= checkerOf(description))(val);
  };

  /** `checkTypes(data, types)`: unknown and null members dropped from `data`, the rest checked in `types`' order. */
  const structOf = (types) => {
    let check = structs.get(types);
    if (check) return check;
    const keys = Object.keys(types);
    const checks = keys.map((key) => lazy(types[key]));
    check = (data) => {
      // dynalite's module is sloppy-mode code, where deleting a string's index fails quietly; this one is strict, so
      // only objects have members dropped (a request body that is a JSON string keeps its characters either way)
      if (typeof data === 'object' && data !== null) {
        for (const key in data) {
          if (!types[key] || data[key] == null) delete data[key];
        }
      }
      const newData = {};
      for (let i = 0; i < keys.length; i++) {
        const member = data[keys[i]];
        if (member == null) continue; // a check of an absent member answers null, which is not kept
        const val = checks[i](member);
        if (val != null) newData[keys[i]] = val;
      }
      return newData;
    };
    structs.set(types, check);
    return check;
  };

  function compile(description) {
    let type = description;
    let children = type.children;
    if (typeof children == 'string') children = { type: children };
    if (type.type) type = type.type;
    const subtypeMatch = type.match(/(.+?)<(.+)>$/);
    let subtype;
    if (subtypeMatch != null) {
      type = subtypeMatch[1];
      subtype = subtypeMatch[2];
    }
    const leaf = (check) => (val) => (val == null ? null : check(val));

    switch (type) {
      case 'AttrStruct':
        return lazy({ type: subtype + '<AttributeValue>', children: ATTRIBUTE_VALUE });
      case 'Boolean':
        return leaf((val) => {
          switch (typeof val) {
            case 'number':
              throw notFrom(numberValue(val), type);
            case 'string':
              // 'true'/'false'/'1'/'0'/'no'/'yes' seem to convert fine
              val = val.toUpperCase();
              if (~['TRUE', '1', 'YES'].indexOf(val)) {
                val = true;
              } else if (~['FALSE', '0', 'NO'].indexOf(val)) {
                val = false;
              } else {
                throw typeError('Unexpected token received from parser');
              }
              break;
            case 'object':
              throw scalarExpected(val, 'java.lang.' + type);
          }
          return val;
        });
      case 'Short':
      case 'Integer':
      case 'Long':
      case 'Double':
        return leaf((val) => {
          switch (typeof val) {
            case 'boolean':
              throw notFrom(booleanValue(val), type);
            case 'number':
              if (type !== 'Double') val = Math.floor(val);
              break;
            case 'string':
              throw notFrom('STRING_VALUE', type);
            case 'object':
              throw scalarExpected(val, 'java.lang.' + type);
          }
          return val;
        });
      case 'String':
        return leaf((val) => {
          switch (typeof val) {
            case 'boolean':
              throw notFrom(booleanValue(val), type);
            case 'number':
              throw notFrom(numberValue(val), type);
            case 'object':
              throw scalarExpected(val, 'java.lang.' + type);
          }
          return val;
        });
      case 'Blob':
        return leaf((val) => {
          switch (typeof val) {
            case 'boolean':
            case 'number':
              throw typeError('only base-64-encoded strings are convertible to bytes');
            case 'object':
              throw scalarExpected(val, 'java.nio.ByteBuffer');
          }
          if (val.length % 4)
            throw typeError(
              'Base64 encoded length is expected a multiple of 4 bytes but found: ' + val.length,
            );
          if (Buffer.from(val, 'base64').toString('base64') !== val)
            throw typeError('Invalid last non-pad Base64 character dectected');
          return val;
        });
      case 'List':
      case 'ParameterizedList': {
        const child = lazy(children);
        const scalar = type === 'List' ? 'Unexpected field type' : PARAMETERIZED;
        return leaf((val) => {
          switch (typeof val) {
            case 'boolean':
            case 'number':
            case 'string':
              throw typeError(scalar);
            case 'object':
              if (!Array.isArray(val)) throw typeError('Start of structure or map found where not expected');
          }
          return val.map((item) => child(item));
        });
      }
      case 'ParameterizedMap':
      case 'Map': {
        const child = lazy(children);
        return leaf((val) => {
          switch (typeof val) {
            case 'boolean':
            case 'number':
            case 'string':
              throw typeError(type === 'Map' ? 'Unexpected field type' : PARAMETERIZED);
            case 'object':
              if (Array.isArray(val)) {
                if (type === 'ParameterizedMap')
                  throw typeError(
                    'Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>',
                  );
                throw typeError(
                  'Unrecognized collection type java.util.Map<java.lang.String, ' +
                    (~subtype.indexOf('.') ? subtype : 'com.amazonaws.dynamodb.v20120810.' + subtype) +
                    '>',
                );
              }
          }
          const newVal = {};
          for (const key of Object.keys(val)) newVal[key] = child(val[key]);
          return newVal;
        });
      }
      case 'ValueStruct':
      case 'FieldStruct': {
        let struct;
        return leaf((val) => {
          switch (typeof val) {
            case 'boolean':
            case 'number':
            case 'string':
              throw typeError(
                type === 'ValueStruct' ? 'Unexpected value type in payload' : 'Unexpected field type',
              );
            case 'object':
              if (Array.isArray(val))
                throw typeError(
                  'Unrecognized collection type class com.amazonaws.dynamodb.v20120810.' + subtype,
                );
          }
          return (struct ??= structOf(children))(val);
        });
      }
      default:
        return leaf(() => {
          throw new Error('Unknown type: ' + type);
        });
    }
  }

  return (data, types) => structOf(types)(data);
}
