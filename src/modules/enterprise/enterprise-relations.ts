import type { ClassType } from 'type-graphql';
import { childListField, toOneField } from '../../registry/relations';
import type { TableSpec } from '../../registry/table';
import { enterpriseTable } from './enterprise.service';
import { Enterprise } from './enterprise.type';

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
