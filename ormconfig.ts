// The TypeORM CLI's entry point (`npm run migration:run`, with DATABASE_URL set). It is the same
// DataSource the application uses.
export { AppDataSource as default } from './src/db/data-source';
