import { field } from '../../registry/writes/fields';
import { writesFor, type Payload } from '../../registry/writes/record-writer';
import type { RecordSpec } from '../../registry/writes/record-spec';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode } from '../../graphql/errors/user-error';
import { sourceTable } from './source.service';
import type { CreateSourceInput, UpdateSourceInput } from './source.write-inputs';

/** Why a text is not a web address a reader can open: http(s) only, with a host, no spaces. */
export function urlProblem(value: string): string | null {
  if (/\s/.test(value)) return 'must be a web address without spaces';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a web address such as https://example.org/report';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  if (!url.hostname) return 'must name a host, as in https://example.org/report';
  return null;
}

/** How sources are written: ADMIN only; a source lies in no city; (publisher, title, date) is unique. */
export const sourceRecord: RecordSpec = {
  typename: 'Source',
  table: 'source',
  read: sourceTable,
  scope: 'ADMIN_ONLY',
  payloadField: 'source',
  fields: {
    publisher: field.text('publisher', 200),
    publisherEn: field.text('publisher_en', 200),
    title: field.text('title', 500),
    publishedOn: field.date('published_on'),
    url: field.text('url', 2000, { problem: urlProblem }),
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
