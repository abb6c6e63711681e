import { internal } from '../../registry/columns';
import { field } from '../../registry/writes/fields';

/** The enterprise a record lies under (`t.enterprise_id`), written by the enterprise's ID. */
export const enterpriseIdColumn = <T extends number | null>() => internal<T>('t.enterprise_id').writtenAs((column) => field.reference(column, 'Enterprise', 'enterprise'));

/** The same enterprise named by its portal id or its credit code instead, as bulk upserts and spreadsheets may. */
export const enterpriseKeyFields = {
  enterpriseExternalId: field.reference('enterprise_id', 'Enterprise', 'enterprise', 'external_id'),
  enterpriseCreditCode: field.reference('enterprise_id', 'Enterprise', 'enterprise', 'credit_code'),
};
