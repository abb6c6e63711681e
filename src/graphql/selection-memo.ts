import { BREAK, visit, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether what is selected under `nodes` is the same for every request: no variable in any argument or
 * directive below them, in fragments either. Worked out once per field node (a parsed document is kept by
 * Apollo, so a repeated query brings the same nodes).
 */
const fixedBelow = new WeakMap<FieldNode, boolean>();
function selectionIsFixed(nodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): boolean {
  return nodes.every((node) => {
    let fixed = fixedBelow.get(node);
    if (fixed === undefined) fixedBelow.set(node, (fixed = !node.selectionSet || !usesVariables(node.selectionSet, fragments, new Set())));
    return fixed;
  });
}

function usesVariables(root: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): boolean {
  let found = false;
  visit(root, {
    Variable() {
      found = true;
      return BREAK;
    },
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = fragments[name];
      if (fragment && usesVariables(fragment.selectionSet, fragments, seen)) {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}

/**
 * What is worked out from a field's selection (a fold plan, the parts of a connection selected), made
 * once for field nodes whose selection is fixed (selectionIsFixed) and kept by what it is (`what`: a
 * table, a lookup's type): a repeated query works it out once, not on every request. What is kept must
 * hold no request's values (src/registry/fold-planner.ts: folds attach by field node, and their
 * arguments are the document's own).
 */
const worked = new WeakMap<FieldNode, Map<string, { nodes: readonly FieldNode[]; plan: unknown }>>();
export function oncePerSelection<Plan>(info: GraphQLResolveInfo, what: string, plan: () => Plan): Plan {
  const nodes = info.fieldNodes;
  if (!selectionIsFixed(nodes, info.fragments)) return plan();
  let byWhat = worked.get(nodes[0]);
  const known = byWhat?.get(what);
  // Merged field nodes are kept with the plan: the same first node with other nodes merged in plans anew.
  if (known && known.nodes.length === nodes.length && known.nodes.every((node, i) => node === nodes[i])) return known.plan as Plan;
  const made = plan();
  if (!byWhat) worked.set(nodes[0], (byWhat = new Map()));
  byWhat.set(what, { nodes: [...nodes], plan: made });
  return made;
}
