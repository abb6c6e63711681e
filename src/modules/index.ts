import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { registerGoalMetrics } from '../registry/goal-metrics';
import type { RegistryModule, RegistryType } from '../registry/registry-type';

let modules: RegistryModule[] | undefined;

/**
 * Every module folder's declaration, `src/modules/<name>/<name>.module.ts` (its default export), in
 * folder order. Found, not listed: a new registry type is a new folder and nothing else in src/
 * changes (Vendure's plugins are listed in a config; here the folder is the registration).
 */
export function registryModules(): RegistryModule[] {
  if (modules) return modules;
  const found: RegistryModule[] = [];
  for (const folder of readdirSync(__dirname, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('__')) continue;
    const file = path.join(__dirname, folder.name, `${folder.name}.module`);
    if (!existsSync(`${file}.ts`) && !existsSync(`${file}.js`)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const declared = (require(file) as { default?: RegistryModule }).default;
    if (!declared || !Array.isArray(declared.resolvers)) throw new Error(`src/modules/${folder.name}/${folder.name}.module.ts must export default defineModule({ resolvers, types })`);
    found.push(declared);
  }
  modules = found;
  registerGoalMetrics(registryTypes());
  return modules;
}

/** Every registry type any module declares. */
export function registryTypes(): RegistryType[] {
  return registryModules().flatMap((m) => m.types ?? []);
}
