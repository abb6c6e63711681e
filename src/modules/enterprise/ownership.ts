import { describedEnum, type EnumValue } from '../../graphql/enums';

/** An enterprise's ownership: its column and filter, and the group rows of the records under an enterprise (enterprise-linked-group.ts). */
export const Ownership = describedEnum('Ownership', 'Ownership of an enterprise (所有制).', {
  STATE_OWNED: 'State-owned (国有企业).',
  PRIVATE: 'Private (民营企业).',
  FOREIGN_INVESTED: 'Foreign-invested (外资企业).',
  OTHER: 'Other or mixed ownership (其他).',
});
export type Ownership = EnumValue<typeof Ownership>;
