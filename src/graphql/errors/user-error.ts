import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../enums';

/** Why a write was refused; stable, for portals to branch on. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  DUPLICATE = 'DUPLICATE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IN_PROGRESS = 'IN_PROGRESS',
}
describeEnum(UserErrorCode, 'UserErrorCode', 'Why a write was refused (stable codes).', {
  INVALID: 'A value is missing, malformed or out of range, or breaks a rule between fields.',
  NOT_FOUND: 'The record, or a record it refers to, does not exist.',
  FORBIDDEN: "The caller's key may not make this change (role, or another city's record).",
  CONFLICT: 'The record changed since it was read: its version is no longer the one given (see currentVersion).',
  DUPLICATE: 'Another record already has this unique value (external id, credit code), or a batch names it twice.',
  IDEMPOTENCY_KEY_REUSED: 'This idempotency key was already used, by this API key, for a different payload.',
  IN_PROGRESS: 'A request with this idempotency key is still running; retry once it has finished.',
});

@ObjectType({ description: 'A reason a write was refused, next to the input field it concerns (错误信息).' })
export class UserError {
  @Field(() => String, { nullable: true, description: 'The input field concerned, e.g. "name"; null when the error concerns the whole record.' })
  field: string | null;

  @Field({ description: 'What is wrong, in words a person can act on.' })
  message: string;

  @Field(() => UserErrorCode, { description: 'Stable code of the error.' })
  code: UserErrorCode;

  @Field(() => Int, { nullable: true, description: 'For CONFLICT: the version the record has now.' })
  currentVersion?: number | null;
}

@ObjectType({ description: 'A reason one row of a bulk upsert or import was refused (行错误).' })
export class RowError {
  @Field(() => Int, { description: 'Position of the row in `records` (0-based); for a CSV import, the data row (0 = the first row after the header).' })
  index: number;

  @Field(() => String, { nullable: true, description: 'The field concerned; null when the error concerns the whole row.' })
  field: string | null;

  @Field(() => Int, { nullable: true, description: 'For CONFLICT: the version the record has now (a spreadsheet row named by its id and read at an older version).' })
  currentVersion?: number;

  @Field(() => UserErrorCode, { description: 'Stable code of the error.' })
  code: UserErrorCode;

  @Field({ description: 'What is wrong.' })
  message: string;
}

export function userError(code: UserErrorCode, field: string | null, message: string, extra: Partial<UserError> = {}): UserError {
  return { code, field, message, ...extra };
}
