import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printRegistrySchema } from './schema';

// `npm run schema:emit`: rewrites schema/schema.graphql from the code. Review the diff before committing.
const target = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');
writeFileSync(target, printRegistrySchema());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
