import { policy } from '../../auth/policy';
import { sql } from '../../db/sql';
import type { RequestContext } from '../../graphql/context';
import type { ExportRow } from '../../registry/registry-type';

/** A craftsman as its personal data is asked for: its row's id and city. */
export interface PersonalDataOwner {
  rowId: number;
  cityCode: string | null;
}

/** A craftsman's personal data (个人信息), as stored. */
interface PersonalData {
  id: number;
  cityCode: string | null;
  nationalIdNumber: string | null;
  phone: string | null;
}

/**
 * The personal columns of the craftsmen the caller may see, batched per request: one statement for
 * every craftsman on the page, whichever path reached them (a list, node(id:), an enterprise's
 * craftsmen, a studio's lead craftsman). Keys are only ever ids the policy has already allowed, and
 * PostgreSQL asks again: the application role cannot read these columns, only
 * registry_craftsman_personal (migration 33), which returns them for the caller the API key names.
 */
function personalDataLoader(ctx: RequestContext) {
  return ctx.loaders.get<number, PersonalData | null>('craftsman:personal-data', async (ids) => {
    const byId = await personalRows(ctx, ids);
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The stored personal data of these craftsmen, by id, for the caller's own API key: one statement, none without a key. */
async function personalRows(ctx: RequestContext, ids: readonly number[]): Promise<Map<number, PersonalData>> {
  if (ctx.apiKey === null || !ids.length) return new Map();
  const rows = await ctx.db.query<PersonalData>(
    sql`SELECT id, city_code AS "cityCode", national_id_number AS "nationalIdNumber", phone FROM registry_craftsman_personal(${ctx.apiKey}, ${[...ids]})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The caller's view of one personal value: null unless policy.maySeePersonalData allows it for the
 * craftsman's city. Nothing is read for callers who may not see it; the rule is asked again on the
 * city as loaded, so a craftsman who moved city in between is not shown to the old city's editor.
 */
async function personalValue(ctx: RequestContext, craftsman: PersonalDataOwner, pick: (data: PersonalData) => string | null): Promise<string | null> {
  if (!policy.maySeePersonalData(ctx.caller, craftsman.cityCode)) return null;
  const data = await personalDataLoader(ctx).load(craftsman.rowId);
  if (!data || !policy.maySeePersonalData(ctx.caller, data.cityCode)) return null;
  return pick(data);
}

export const craftsmanPersonalData = {
  nationalIdNumber: (ctx: RequestContext, craftsman: PersonalDataOwner) => personalValue(ctx, craftsman, (d) => d.nationalIdNumber),
  phone: (ctx: RequestContext, craftsman: PersonalDataOwner) => personalValue(ctx, craftsman, (d) => d.phone),
};

/**
 * The export's personal columns, a batch at a time, only for the rows policy.maySeePersonalData
 * allows for the craftsman's city (ADMIN, the city's own editor); everyone else gets them empty.
 * Not through the request's loader: an export's rows must not stay cached for the whole download.
 */
export async function craftsmanPersonalColumns(ctx: RequestContext, rows: ExportRow[]): Promise<void> {
  const allowed = rows.filter((row) => policy.maySeePersonalData(ctx.caller, (row.cityCode as string | null) ?? null));
  const found = await personalRows(ctx, allowed.map((row) => row.rowId as number));
  for (const row of rows) {
    const personal = found.get(row.rowId as number);
    row.nationalIdNumber = personal?.nationalIdNumber ?? null;
    row.phone = personal?.phone ?? null;
  }
}
