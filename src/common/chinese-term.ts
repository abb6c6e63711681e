/** A run of text inside parentheses (half- or full-width) that holds Chinese characters: the term a description gives. */
const TERM = /[（(]([^()（）]*\p{Script=Han}[^()（）]*)[)）]/u;

/**
 * The Chinese term a description names in parentheses, as every type, field and enum value of the
 * schema does ("Registered name in Chinese (企业名称)." → 企业名称); null where it names none. The
 * term is the column's header in spreadsheets and the value's label in drop-downs, so it is written
 * once, in the description a reader of GraphiQL sees too. A term with alternatives ("会员/党员人数") is kept whole.
 */
export function chineseTermOf(description: string | null | undefined): string | null {
  const match = description ? TERM.exec(description) : null;
  if (!match) return null;
  // "承诺反馈时限，小时" names the unit after a comma: the header is the term before it.
  return match[1].split(/[，,;；]/)[0].trim() || null;
}
