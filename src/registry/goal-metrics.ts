import { registerEnumType } from 'type-graphql';
import type { GoalMetricDeclaration, RegistryType } from './registry-type';

/**
 * The goal metrics, collected from the registry types' declarations (`goalMetrics`), so that a new
 * type's goals need nothing outside its folder. The GraphQL enum is registered here while empty and
 * filled once every module is found (registerGoalMetrics, called by src/modules/index.ts): type-graphql
 * reads an enum's values when the schema is built, not when it is registered
 * (test/graphql/library-assumptions.int.spec.ts pins that).
 */
export const GoalMetric: Record<string, string> = {};
export type GoalMetric = string;

const valuesConfig: Record<string, { description: string }> = {};
registerEnumType(GoalMetric, { name: 'GoalMetric', description: 'What a goal counts in the registry, within its scope (目标指标).', valuesConfig });

const declared = new Map<string, GoalMetricDeclaration>();

/** Every goal metric, in the order the types declare them. */
export function goalMetrics(): ReadonlyMap<string, GoalMetricDeclaration> {
  if (declared.size === 0) throw new Error('goal metrics are read before the registry types were found (src/modules/index.ts registryModules)');
  return declared;
}

/** Takes the goal metrics of every registry type; a metric declared twice is refused. */
export function registerGoalMetrics(types: readonly RegistryType[]): void {
  for (const type of types) {
    for (const [metric, m] of Object.entries(type.goalMetrics ?? {})) {
      if (declared.has(metric)) throw new Error(`goal metric ${metric} is declared twice (${type.typename})`);
      declared.set(metric, m);
      GoalMetric[metric] = metric;
      valuesConfig[metric] = { description: m.description };
    }
  }
}
