import type { TableSpec } from './table';
import { toPageRequest, type PageArgs } from '../graphql/relay/page-args';

/** The arguments of every list field: paging, a typed filter and an `orderBy` enum value. */
export interface ListArgs<Filter> extends PageArgs {
  filter?: Filter | null;
  orderBy?: string | null;
}

/** The ordering and validated page a list asks for; cursors are checked against the ordering's SQL types. */
export function pageOf<Row, Filter>(table: TableSpec<Row, Filter>, args: ListArgs<Filter>, defaultOrder: string) {
  const order = args.orderBy ?? defaultOrder;
  const types = { value: table.orders[order].type, id: table.keyType ?? 'integer' } as const;
  return { order, page: toPageRequest(args, order, types) };
}
