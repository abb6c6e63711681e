import type { ClassType } from 'type-graphql';
import { childListField, toOneField } from '../../registry/relations';
import type { TableSpec } from '../../registry/table';

/**
 * The enterprise module, loaded when a relation is declared, not when this file is: the enterprise is
 * itself declared with recordType (src/modules/record-type.ts), which declares these relations, so a
 * static import would be a cycle (record-type → here → enterprise.module → record-type).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const enterpriseModule = () => require('./enterprise.module') as typeof import('./enterprise.module');

/**
 * A type whose records lie under an enterprise (studios, contracts, craftsmen): the record's
 * `enterprise` and the enterprise's list of them, both ways of one relation (`t.enterprise_id`).
 */
export function enterpriseRelation<Connection extends ClassType, Args extends ClassType>(relation: {
  Type: ClassType;
  /** The enterprise's field that lists them, e.g. `innovationStudios`. */
  field: string;
  Connection: Connection;
  Args: Args;
  table: () => TableSpec<any, any>;
  defaultOrder: string;
  /** The record's `enterprise` field, and whether every record has one. */
  enterprise: { description: string; nullable?: boolean };
  /** The enterprise's list. */
  description: string;
}): ClassType[] {
  const { Enterprise, enterpriseTable } = enterpriseModule();
  return [
    toOneField(relation.Type, 'enterprise', () => Enterprise, { table: () => enterpriseTable, keyColumn: 't.id', parentColumn: 'enterpriseId', ...relation.enterprise }),
    childListField(Enterprise, relation.field, relation.Connection, relation.Args, {
      table: relation.table,
      childColumn: 't.enterprise_id',
      parentKey: 'id',
      defaultOrder: relation.defaultOrder,
      description: relation.description,
    }),
  ];
}
