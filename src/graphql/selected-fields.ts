import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields these selection sets ask for, through inline fragments and fragment spreads:
 * what a statistics field needs to know of its groups (which measures to compute). Fields under @skip or
 * @include count as asked for: the answer may compute a measure not returned, never miss one.
 */
export function selectedFieldNames(
  sets: ReadonlyArray<SelectionSetNode | undefined>,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value); // validation refuses cycles; this only guards the walk
        walk(fragment(s.name.value)?.selectionSet);
      }
    }
  };
  sets.forEach(walk);
  return names;
}
