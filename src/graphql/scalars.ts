import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeISOResolver, LocalDateResolver, NonNegativeIntResolver } from 'graphql-scalars';
import { creditCodeProblem } from '../common/credit-code';

/**
 * Where each scalar's format is defined (`@specifiedBy`), so that codegen and other clients can map it to a
 * type rather than `unknown`: the Chinese national standards on openstd.samr.gov.cn (the Standardization
 * Administration's catalogue, 国家标准全文公开系统), RFC 3339 for dates and times.
 */
export const SCALAR_SPECIFICATIONS = {
  DivisionCode: 'https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=C9C488FD717AFDCD52157F41C3302C6D',
  CreditCode: 'https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=24691C25985C1073D3A7C85629378AC0',
  LocalDate: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  DateTimeISO: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  NonNegativeInt: 'https://spec.graphql.org/October2021/#sec-Int',
} as const;

function stringScalar(name: keyof typeof SCALAR_SPECIFICATIONS, description: string, problem: (value: string) => string | null): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') throw new GraphQLError(`${name} must be a string, got ${typeof value}`, { extensions: { code: 'BAD_USER_INPUT' } });
    const why = problem(value);
    if (why) throw new GraphQLError(`'${value.slice(0, 40)}' is not a valid ${name}: ${why}`, { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    specifiedByURL: SCALAR_SPECIFICATIONS[name],
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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the digits of `text` from `start` to `end` (checked digits). */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** Whether `value` is a real calendar day written YYYY-MM-DD, by arithmetic (no Date, and no string, per value). */
function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * graphql-scalars' LocalDate, serialising without building two Dates per value (it checks the
 * calendar with `new Date` and toISOString): every date column of every row goes through here.
 * The same values pass; anything else still gets graphql-scalars' own error.
 */
export const LocalDateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  specifiedByURL: SCALAR_SPECIFICATIONS.LocalDate,
  serialize: (value) => (isLocalDate(value) ? value : LocalDateResolver.serialize(value)),
});

/** graphql-scalars' NonNegativeInt: a GraphQL Int (32-bit) of 0 or more. */
export const NonNegativeIntScalar = new GraphQLScalarType({ ...NonNegativeIntResolver.toConfig(), specifiedByURL: SCALAR_SPECIFICATIONS.NonNegativeInt });

/** graphql-scalars' DateTimeISO (an RFC 3339 date-time, e.g. 2026-12-06T08:00:00.000Z); also every `Date` field's scalar (src/modules/schema.ts). */
export const DateTimeISOScalar = new GraphQLScalarType({ ...DateTimeISOResolver.toConfig(), specifiedByURL: SCALAR_SPECIFICATIONS.DateTimeISO });
