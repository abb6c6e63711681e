import { writesFor, type Payload } from '../../registry/writes/record-writer';
import type { RecordSpec } from '../../registry/writes/record-spec';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode } from '../../graphql/errors/user-error';
import { sourceTable } from './source.service';
import type { CreateSourceInput, UpdateSourceInput } from './source.write-inputs';
import { writtenFields } from '../../registry/columns';
import { sourceColumns } from './source.type';

/** How sources are written: ADMIN only; a source lies in no city; (publisher, title, date) is unique. */
export const sourceRecord: RecordSpec = {
  typename: 'Source',
  table: 'source',
  read: sourceTable,
  scope: 'ADMIN_ONLY',
  payloadField: 'source',
  fields: {
    ...writtenFields(sourceColumns),
  },
  required: ['publisher', 'title', 'published_on'],
  place: null,
  externalId: false,
};

const writes = writesFor(sourceRecord);

/** The unique (publisher, title, published_on) constraint, said in the reader's terms. */
function explainDuplicate(payload: Payload): Payload {
  for (const error of payload.userErrors) {
    if (error.code === UserErrorCode.DUPLICATE) {
      error.field = 'title';
      error.message = 'Another source has the same publisher, title and publication date; cite that source instead.';
    }
  }
  return payload;
}

export const sourceWrites = {
  ...writes,
  create: async (ctx: RequestContext, input: CreateSourceInput) => explainDuplicate(await writes.create(ctx, input)),
  update: async (ctx: RequestContext, input: UpdateSourceInput) => explainDuplicate(await writes.update(ctx, input)),
};
