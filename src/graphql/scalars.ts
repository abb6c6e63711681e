import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { LocalDateResolver, NonNegativeIntResolver } from 'graphql-scalars';
import { creditCodeProblem } from '../common/credit-code';

function stringScalar(name: string, description: string, problem: (value: string) => string | null): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string, got ${typeof value}`, { extensions: { code: 'BAD_USER_INPUT' } });
    const why = problem(value);
    if (why) throw new GraphQLError(`'${value.slice(0, 40)}' is not a valid ${name}: ${why}`, { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string literal`, { nodes: [ast], extensions: { code: 'BAD_USER_INPUT' } });
      return parse(ast.value);
    },
  });
}

/** 6-digit administrative division code (行政区划代码), e.g. 320000 Jiangsu, 320100 Nanjing. */
export const DivisionCodeScalar = stringScalar(
  'DivisionCode',
  'Six-digit administrative division code (行政区划代码, GB/T 2260), e.g. "320000" for Jiangsu, "320100" for Nanjing.',
  (v) => (/^[1-8][0-9]{5}$/.test(v) ? null : 'expected six digits such as "320100"'),
);

const CREDIT_CODE_PROBLEMS = {
  LENGTH: 'it must have 18 characters',
  CHARACTERS: 'it may contain only digits and the capital letters A-Y except I, O, S, V, Z',
  CHECK_CHARACTER: 'its last character does not match the GB 32100-2015 check',
} as const;

/** 18-character unified social credit code (统一社会信用代码), GB 32100-2015, check character verified. */
export const CreditCodeScalar = stringScalar(
  'CreditCode',
  'Unified social credit code (统一社会信用代码): 18 characters, the last a GB 32100-2015 check character, e.g. "91320300000000019C".',
  (v) => {
    const p = creditCodeProblem(v);
    return p ? CREDIT_CODE_PROBLEMS[p] : null;
  },
);

export const LocalDateScalar = LocalDateResolver;
export const NonNegativeIntScalar = NonNegativeIntResolver;
