import { describedEnum } from '../graphql/enums';

/** The level at which a reform activity is held or recognised: shared by competitions and demonstration projects. */
export const ActivityLevel = describedEnum('ActivityLevel', 'The level at which a reform activity is held or recognised (级别).', {
  NATIONAL: 'National (全国/国家级).',
  PROVINCIAL: 'Provincial (省级).',
  MUNICIPAL: 'Municipal (市级).',
  DISTRICT: 'District or county (区县级).',
  ENTERPRISE: 'Within one enterprise or park (企业/园区级).',
});
