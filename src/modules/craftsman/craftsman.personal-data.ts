import { policy } from '../../auth/policy';
import { sql } from '../../db/sql';
import type { RequestContext } from '../../graphql/context';
import type { CraftsmanRow } from './craftsman.type';

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
    if (ctx.apiKey === null) return ids.map(() => null);
    const rows = await ctx.db.query<PersonalData>(
      sql`SELECT id, city_code AS "cityCode", national_id_number AS "nationalIdNumber", phone FROM registry_craftsman_personal(${ctx.apiKey}, ${[...ids]})`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * The caller's view of one personal value: null unless policy.maySeePersonalData allows it for the
 * craftsman's city. Nothing is read for callers who may not see it; the rule is asked again on the
 * city as loaded, so a craftsman who moved city in between is not shown to the old city's editor.
 */
async function personalValue(ctx: RequestContext, craftsman: CraftsmanRow, pick: (data: PersonalData) => string | null): Promise<string | null> {
  if (!policy.maySeePersonalData(ctx.caller, craftsman.cityCode)) return null;
  const data = await personalDataLoader(ctx).load(craftsman.rowId);
  if (!data || !policy.maySeePersonalData(ctx.caller, data.cityCode)) return null;
  return pick(data);
}

export const craftsmanPersonalData = {
  nationalIdNumber: (ctx: RequestContext, craftsman: CraftsmanRow) => personalValue(ctx, craftsman, (d) => d.nationalIdNumber),
  phone: (ctx: RequestContext, craftsman: CraftsmanRow) => personalValue(ctx, craftsman, (d) => d.phone),
};
